#!/usr/bin/env bash
# zstdpp -d on bad input and bad requests: every failure exits 1..127 with a message
# naming the file, leaves no output file (nor temporary file) behind, does not touch an
# existing file, and does not stop the other inputs from being processed.
# Usage: bash decompress_errors.sh PATH_TO_zstdpp
source "$(dirname "$0")/common.bash" "$@"

make_text 300000 text
make_random 200000 rand
zstd -q -k text rand
size=$(stat -c %s text.zst)

# Truncated input, cut at several places: header, first block, last bytes (checksum).
for cut in 3 6 20 $((size / 2)) $((size - 1)); do
  head -c "$cut" text.zst >cut$cut.zst
  zp -d cut$cut.zst </dev/null
  expect_failure "input truncated to $cut bytes" "cut$cut.zst"
  expect_absent cut$cut "no output from a truncated input ($cut bytes)"
  zp -d -c cut$cut.zst </dev/null
  expect_failure "-c on input truncated to $cut bytes" "cut$cut.zst"
done
ok "truncation is called truncation" grep -qi 'truncat\|end of file\|incomplete' err
expect_no_temp_files . "after truncated inputs"

# Empty input: not a zstd frame (zstd: "unexpected end of file").
: >empty.zst
zp -d empty.zst </dev/null
expect_failure "empty .zst file" "empty.zst"
expect_absent empty "no output from an empty input"
zp -d -c </dev/null
expect_failure "empty stdin" "stdin"

# Not zstd at all, and trailing garbage after a valid frame.
cp text notzstd.zst
zp -d notzstd.zst </dev/null
expect_failure "plain text named .zst" "notzstd.zst"
expect_absent notzstd "no output from a non-zstd input"
for tail in 'garbage!' 'xy' 'abcd' "$(printf '\x28\xb5\x2f\xfd')"; do
  { cat text.zst; printf '%s' "$tail"; } >trail.zst
  zp -d trail.zst </dev/null
  expect_failure "trailing bytes '$tail' after a frame" "trail.zst"
  expect_absent trail "no output when trailing garbage follows a frame ('$tail')"
done

# Corrupted data in the middle of a frame (the checksum catches whatever the format does not).
cp rand.zst corrupt.zst
poke_byte corrupt.zst 5000 00
poke_byte corrupt.zst 5001 ff
zp -d corrupt.zst </dev/null
expect_failure "corrupted block data" "corrupt.zst"
expect_absent corrupt "no output from corrupted data"
expect_no_temp_files . "after corrupted inputs"

# A failure does not stop the other inputs; the status still says failure.
rm -f text rand
zp -d text.zst cut20.zst rand.zst </dev/null
expect_failure "one bad input among good ones" "cut20.zst"
ok "good input before a bad one is decoded" cmp -s text <(zstd -dc text.zst)
ok "good input after a bad one is decoded" cmp -s rand <(zstd -dc rand.zst)

# -o with several inputs: one bad input means no output file at all.
zp -d -o joined text.zst cut20.zst </dev/null
expect_failure "-o with a bad input" "cut20.zst"
expect_absent joined "-o output abandoned when an input fails"
expect_no_temp_files . "after -o failure"

# Existing outputs are not overwritten without -f, and stay untouched.
echo "precious" >text
zp -d text.zst </dev/null
expect_failure "existing output without -f" "text" "already exists"
ok "refused overwrite leaves the file as it was" test "$(cat text)" = precious
echo "precious" >dest
zp -d -o dest text.zst </dev/null
expect_failure "existing -o output without -f" "dest"
ok "refused -o overwrite leaves the file as it was" test "$(cat dest)" = precious
zp -d -f text.zst </dev/null
expect_rc 0 "-f overwrites"
ok "-f overwrite writes the decoded data" cmp -s text <(zstd -dc text.zst)
zp -d -f -o dest text.zst </dev/null
expect_rc 0 "-f -o overwrites"
# A failed decode with -f must not destroy the existing file either.
echo "precious" >cut20
zp -d -f cut20.zst </dev/null
expect_failure "-f with a truncated input" "cut20.zst"
ok "failed -f decode leaves the existing file" test "$(cat cut20)" = precious
# -o /dev/null writes in place (no -f needed, /dev/null survives).
zp -d -o /dev/null text.zst </dev/null
expect_rc 0 "-o /dev/null"
ok "/dev/null is still a character device" test -c /dev/null

# Input and output the same file.
cp text.zst self.zst
zp -d -f -o self.zst self.zst </dev/null
expect_failure "output is the input" "self.zst"
ok "self-overwrite refused, input intact" cmp -s self.zst text.zst

# Names: unknown suffix, missing input, directory input, directory output.
cp text.zst noext
zp -d noext </dev/null
expect_failure "input without .zst suffix" "noext" "suffix"
zp -d no-such-file.zst </dev/null
expect_failure "missing input" "no-such-file.zst"
mkdir adir.zst
zp -d adir.zst </dev/null
expect_failure "directory input" "adir.zst"
mkdir outdir
zp -d -o outdir text.zst </dev/null
expect_failure "directory as -o output" "outdir"

# A directory we cannot write to: clear error, nothing created (skipped as root).
if [ "$(id -u)" != 0 ]; then
  mkdir ro && cp text.zst ro/ && chmod 555 ro
  zp -d ro/text.zst </dev/null
  expect_failure "read-only output directory" "ro/text"
  chmod 755 ro
fi

# Message discipline: -q keeps errors, -qq hides them, the status stays 1.
zp -d -q -c cut20.zst </dev/null
expect_failure "-q still reports errors" "cut20.zst"
zp -d -qq -c cut20.zst </dev/null
expect_rc 1 "-qq failure status"
ok "-qq prints nothing" test ! -s err

# Forgetting -d compresses (zstd's default operation), which still never overwrites.
zp text </dev/null
expect_failure "compressing onto an existing text.zst" "text.zst" "already exists"
expect_absent text.zst.zst "no stray output"

# Usage errors.
zp -d --no-such-option text.zst </dev/null
expect_failure "unknown long option" "--no-such-option"
zp -dy text.zst </dev/null
expect_failure "unknown short option" "-y"
zp -d text.zst -o </dev/null
expect_failure "-o without a file name" "-o"
zp -d --memory=lots text.zst </dev/null
expect_failure "--memory with a bad value" "lots"
zp -d -D </dev/null
expect_failure "-D without a dictionary name" "-D"

finish
