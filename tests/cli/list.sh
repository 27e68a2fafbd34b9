#!/usr/bin/env bash
# zstdpp -l / --list: the same table as `zstd -l` (frames, skippable frames, compressed and
# decompressed sizes, ratio, check, name, totals) and the same blocks as `zstd -lv`,
# compared line by line with the installed zstd (trailing spaces ignored); plus the errors.
# Usage: bash list.sh PATH_TO_zstdpp
source "$(dirname "$0")/common.bash" "$@"

# Sizes chosen to cover each way zstd prints a size: bytes, 1.000 KiB, x.xx / xx.x / xxx KiB, MiB.
make_text 12 tiny
make_random 1024 kib1
make_random 1500 kib1p5
make_random 15000 kib15
make_random 150000 kib150
make_text 3000000 mib3
: >empty
zstd -q tiny kib1 kib1p5 kib15 kib150 empty
zstd -q -19 mib3
cat kib15 | zstd -q -c >nosize.zst
zstd -q --no-check -c kib1p5 >nocheck.zst
cat tiny.zst kib15.zst mib3.zst >multi.zst
make_skippable 3 "payload" skip
cat skip tiny.zst skip >skips.zst
make_text 4000 dict
zstd -q -c -D dict mib3 >withdict.zst

strip() { sed 's/[[:space:]]*$//' "$@"; }

compare_with_zstd() {  # compare_with_zstd WHAT ARGS...
  local what=$1
  shift
  zstd "$@" 2>/dev/null | strip >expected
  zp "$@" </dev/null
  strip out >actual
  CHECKS=$((CHECKS + 1))
  if ! cmp -s expected actual; then
    fail "$what: output differs from zstd $*"
    diff expected actual | head -20
  fi
}

for f in tiny kib1 kib1p5 kib15 kib150 mib3 empty; do
  compare_with_zstd "-l $f.zst" -l "$f.zst"
  expect_rc 0 "-l $f.zst"
done
for f in nosize.zst nocheck.zst multi.zst skips.zst withdict.zst skip; do
  compare_with_zstd "-l $f" -l "$f"
  expect_rc 0 "-l $f"
done
compare_with_zstd "-l on several files (totals)" -l tiny.zst kib150.zst multi.zst skips.zst
compare_with_zstd "--list" --list mib3.zst
for f in tiny.zst mib3.zst nosize.zst nocheck.zst multi.zst skips.zst withdict.zst; do
  compare_with_zstd "-lv $f" -lv "$f"
done
compare_with_zstd "-lv on several files" -l -v tiny.zst kib15.zst

# The sizes themselves, independently of zstd's layout.
zp -lv mib3.zst </dev/null
ok "-lv gives the exact decompressed size" grep -q '^Decompressed Size: .*(3000000 B)' out
ok "-lv gives the exact compressed size" grep -q "^Compressed Size: .*($(stat -c %s mib3.zst) B)" out
zp -lv multi.zst </dev/null
ok "-lv counts three frames" grep -q '^# Zstandard Frames: 3' out
ok "-lv sums content sizes" grep -q "^Decompressed Size: .*($((12 + 15000 + 3000000)) B)" out
zp -lv skips.zst </dev/null
ok "-lv counts skippable frames" grep -q '^# Skippable Frames: 2' out

# Errors: not zstd, empty, truncated, trailing garbage, stdin, missing; the other files
# are still listed.
cp tiny notzstd.zst
: >emptyfile.zst
head -c 100 mib3.zst >truncated.zst
{ cat tiny.zst; printf 'junk'; } >trailing.zst
for bad in notzstd emptyfile truncated trailing; do
  zp -l "$bad.zst" </dev/null
  expect_failure "-l on $bad input" "$bad.zst"
done
zp -l tiny.zst truncated.zst kib15.zst </dev/null
expect_failure "-l with a bad file among good ones" "truncated.zst"
ok "-l still lists the good files" test "$(grep -c 'zst$' out)" = 2
zp -l </dev/null
expect_failure "-l without files"
zp -l - <tiny.zst
expect_failure "-l on stdin" "standard input"
zp -l no-such-file.zst </dev/null
expect_failure "-l on a missing file" "no-such-file.zst"

finish
