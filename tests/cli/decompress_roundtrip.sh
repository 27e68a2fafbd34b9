#!/usr/bin/env bash
# zstdpp -d on frames made by the real zstd CLI: every way of naming inputs and outputs
# (derived name, -c, stdin/stdout, -o, several files, .tzst), --rm/-k, permissions and
# timestamps carried over, concatenated and skippable frames, dictionaries (-D), --memory
# and --no-check.
# Usage: bash decompress_roundtrip.sh PATH_TO_zstdpp
source "$(dirname "$0")/common.bash" "$@"

make_text 200000 text
make_random 300000 rand
: >empty
printf 'x' >one
make_text 2500000 big   # several blocks and a window over 1 MiB
for f in text rand empty one; do zstd -q -k "$f"; done
zstd -q -k -19 big

# Derived output name: FILE.zst -> FILE, input kept by default.
for f in text rand empty one big; do
  mv "$f" "$f.orig"
  zp -d "$f.zst" </dev/null
  expect_rc 0 "-d $f.zst"
  expect_same "$f" "$f.orig" "-d $f.zst output"
  ok "-d keeps $f.zst" test -e "$f.zst"
done
expect_no_temp_files . "after -d"

# The success note names the file and the size, like zstd's "FILE : N bytes".
rm -f text && zp -d text.zst </dev/null
ok "-d note names file and size" grep -q 'text.zst *: 200000 bytes' err
rm -f text && zp -d -q text.zst </dev/null
ok "-q silences the success note" test ! -s err

# -c / --stdout, and stdin to stdout (with and without "-").
zp -d -c rand.zst </dev/null
expect_rc 0 "-d -c"
expect_same out rand.orig "-d -c output"
ok "-d -c prints nothing on stderr on success" test ! -s err
zp --decompress --stdout big.zst </dev/null
expect_same out big.orig "--decompress --stdout"
zp -d <text.zst
expect_rc 0 "-d from stdin"
expect_same out text.orig "-d stdin to stdout"
zp -dc - <text.zst
expect_same out text.orig "-dc - (stdin)"
zp -d -c -- rand.zst </dev/null
expect_same out rand.orig "-d -c -- FILE"

# -o FILE, and -o with several inputs concatenates them.
zp -d text.zst -o dest </dev/null
expect_rc 0 "-d -o dest"
expect_same dest text.orig "-d -o dest"
cat text.orig rand.orig one.orig >cat.expected
zp -d -o dest2 text.zst rand.zst one.zst </dev/null
expect_rc 0 "-d -o with three inputs"
expect_same dest2 cat.expected "-d -o with three inputs"
zp -d -o dest3 <rand.zst
expect_same dest3 rand.orig "-d -o from stdin"

# Several inputs with derived names.
rm -f text rand one
zp -d text.zst rand.zst one.zst </dev/null
expect_rc 0 "-d with three inputs"
expect_same text text.orig "three inputs: text"
expect_same rand rand.orig "three inputs: rand"
expect_same one one.orig "three inputs: one"
ok "several inputs: summary line" grep -q '3 files decompressed' err
zp -dc text.zst rand.zst one.zst </dev/null
expect_same out cat.expected "-dc with three inputs"

# .tzst -> .tar
cp text.zst archive.tzst
zp -d archive.tzst </dev/null
expect_same archive.tar text.orig ".tzst decompresses to .tar"

# --rm removes the input after success; -k after --rm keeps it.
cp text.zst gone.zst
zp -d --rm gone.zst </dev/null
expect_rc 0 "--rm"
expect_same gone text.orig "--rm output"
expect_absent gone.zst "--rm removes the source"
cp text.zst kept.zst
zp -d --rm -k kept.zst </dev/null
ok "-k after --rm keeps the source" test -e kept.zst
cp text.zst stays.zst
zp -d --rm -c stays.zst </dev/null
ok "--rm is ignored with -c" test -e stays.zst

# Permissions and modification time follow the source, as with zstd.
cp text.zst perm.zst
chmod 640 perm.zst
touch -d '2001-02-03 04:05:06' perm.zst
zp -d perm.zst </dev/null
ok "output mode copied from source (640)" test "$(stat -c %a perm)" = 640
ok "output mtime copied from source" test "$(stat -c %Y perm)" = "$(stat -c %Y perm.zst)"

# Concatenated frames and skippable frames (alone, before, between and after frames).
zstd -q -c text.orig >multi.zst
zstd -q -c --no-check rand.orig >>multi.zst
zstd -q -c empty.orig >>multi.zst
zstd -q -c one.orig >>multi.zst
cat text.orig rand.orig empty.orig one.orig >multi.expected
zp -dc multi.zst </dev/null
expect_rc 0 "four concatenated frames"
expect_same out multi.expected "four concatenated frames"
make_skippable 0 "hidden payload" skip0
make_skippable f "" skipf
cat skip0 text.zst skipf one.zst skip0 >skips.zst
cat text.orig one.orig >skips.expected
zp -dc skips.zst </dev/null
expect_rc 0 "skippable frames around and between frames"
expect_same out skips.expected "skippable frames produce no output"
zp -dc skip0 </dev/null
expect_rc 0 "a file holding only a skippable frame"
ok "a skippable frame alone decodes to nothing" test ! -s out

# Frames without content size (zstd reading a pipe).
cat big.orig | zstd -q -c >nosize.zst
zp -dc nosize.zst </dev/null
expect_same out big.orig "frame without content size"

# Dictionaries: raw content and a trained one, -D DICT.
make_text 5000 rawdict
zstd -q -c -D rawdict text.orig >raw-dict.zst
zp -d -c -D rawdict raw-dict.zst </dev/null
expect_rc 0 "-D raw-content dictionary"
expect_same out text.orig "-D raw-content dictionary"
mkdir samples
for i in $(seq 1 120); do
  printf 'record %d: {"name": "user%d", "city": "town%d", "score": %d, "tags": ["a%d", "b"]}\n' \
    "$i" "$i" $((i % 7)) $((i * 37 % 101)) $((i % 5)) >"samples/s$i.json"
done
if zstd -q --train samples/* -o trained.dict 2>/dev/null; then
  cat samples/* >samples.all
  zstd -q -c -D trained.dict samples.all >trained.zst
  zp -d -c -D trained.dict trained.zst </dev/null
  expect_rc 0 "-D trained dictionary"
  expect_same out samples.all "-D trained dictionary"
  zp -d -c trained.zst </dev/null
  expect_failure "a frame needing a dictionary, decoded without it"
else
  echo "note: zstd --train failed here; trained-dictionary checks skipped"
fi
zp -d -c -D no-such-dict text.zst </dev/null
expect_failure "-D with a missing dictionary file" "no-such-dict"

# --memory / -M: the frame's window (about 2.4 MiB here) against the limit.
zp -d -c --memory=1MB big.zst </dev/null
expect_failure "--memory=1MB on a frame with a larger window" "big.zst"
zp -d -c --memory=8MiB big.zst </dev/null
expect_rc 0 "--memory=8MiB"
expect_same out big.orig "--memory=8MiB output"
zp -d -c -M8M big.zst </dev/null
expect_rc 0 "-M8M"

# --no-check: a wrong checksum fails by default and passes with --no-check.
cp text.zst badsum.zst
size=$(stat -c %s badsum.zst)
last=$(tail -c 1 badsum.zst | od -An -tx1 | tr -d ' ')
poke_byte badsum.zst $((size - 1)) "$(printf %02x $(((0x$last + 1) & 255)))"
zp -d -c badsum.zst </dev/null
expect_failure "wrong checksum" "badsum.zst"
zp -d -c --no-check badsum.zst </dev/null
expect_rc 0 "--no-check ignores a wrong checksum"
expect_same out text.orig "--no-check output"

finish
