#!/usr/bin/env bash
# zstdpp -t / --test: decodes and discards, creates and removes nothing, and its exit
# status tells good files from bad ones.
# Usage: bash test_mode.sh PATH_TO_zstdpp
source "$(dirname "$0")/common.bash" "$@"

make_text 150000 text
make_random 100000 rand
zstd -q text rand
cat text.zst rand.zst >multi.zst
head -c 1000 rand.zst >truncated.zst
cp rand.zst corrupt.zst
poke_byte corrupt.zst 3000 00
poke_byte corrupt.zst 3001 ff
{ cat text.zst; printf 'junk'; } >trailing.zst
: >empty.zst
snapshot() { ls -A | sort; }
zp -V  # creates out and err, so that they are in the snapshot
before=$(snapshot)

zp -t text.zst </dev/null
expect_rc 0 "-t on a good file"
ok "-t writes nothing to stdout" test ! -s out
ok "-t notes the decoded size" grep -q '150000 bytes' err
zp --test text.zst rand.zst multi.zst </dev/null
expect_rc 0 "--test on three good files"
ok "--test with several files prints a summary" grep -q '3 files decompressed' err
zp -t <multi.zst
expect_rc 0 "-t on stdin"
zp -dt text.zst </dev/null
expect_rc 0 "-dt (test wins over -d)"
zp -t -c text.zst </dev/null
ok "-t with -c still writes nothing" test ! -s out

for bad in truncated corrupt trailing empty; do
  zp -t "$bad.zst" </dev/null
  expect_failure "-t on $bad input" "$bad.zst"
done
zp -t text.zst truncated.zst rand.zst </dev/null
expect_failure "-t on a bad file among good ones" "truncated.zst"
ok "-t reports the good files too" grep -q '2 files decompressed' err

zp -t --rm text.zst </dev/null
ok "-t --rm removes nothing" test -e text.zst
ok "-t creates and removes no file" test "$(snapshot)" = "$before"

finish
