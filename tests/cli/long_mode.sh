#!/usr/bin/env bash
# --long[=windowLog], spelled and behaving as in the zstd CLI. Compression: long-distance
# matching with a window of 2^windowLog (default 27); zstdpp's frames decode with both
# decoders, and a repeat beyond level 3's window shrinks the output by half. Decompression:
# --long=N admits windows up to 2^N (as --memory=2^N would). A window above 2^27 is
# refused by both decoders unless they are told (--long=N or --memory=).
# Usage: bash long_mode.sh PATH_TO_zstdpp
source "$(dirname "$0")/common.bash" "$@"

# 2.5 MiB of random bytes twice: the repeat is further back than level 3's 2 MiB window.
make_random 2621440 half
cat half half >twice
cp twice twice.orig
make_text 300000 text
cp text text.orig

# roundtrip FRAME ORIGINAL WHAT [DECODER_ARGS...]: zstd -d and zstdpp -d, both given
# DECODER_ARGS (the same spelling for both), give ORIGINAL back.
roundtrip() {
  local frame=$1 original=$2 what=$3
  shift 3
  CHECKS=$((CHECKS + 1))
  if ! zstd -q -d -c "$@" "$frame" 2>zstd.err | cmp -s - "$original"; then
    fail "$what: zstd -d $* does not give $original back ($(head -c 200 zstd.err))"
  fi
  CHECKS=$((CHECKS + 1))
  if ! "$ZSTDPP" -q -d -c "$@" "$frame" 2>zstdpp.err </dev/null | cmp -s - "$original"; then
    fail "$what: zstdpp -d $* does not give $original back ($(head -c 200 zstdpp.err))"
  fi
}
size_of() { wc -c <"$1" | tr -d ' '; }

# Level 3 with and without --long=27 (from a file: the window shrinks to the file, 8 MiB).
zp -q -3 -c twice </dev/null
expect_rc 0 "zstdpp -3 twice"
cp out plain.zst
zp -q --long=27 -3 -c twice </dev/null
expect_rc 0 "zstdpp --long=27 -3 twice"
cp out long.zst
roundtrip long.zst twice.orig "--long=27 -3" --long=27
roundtrip long.zst twice.orig "--long=27 -3, zstd -d without --long (8 MiB window)"
CHECKS=$((CHECKS + 1))
if [ $(($(size_of long.zst) * 10)) -ge $(($(size_of plain.zst) * 6)) ]; then
  fail "--long=27 -3 is $(size_of long.zst) bytes, not under 60% of -3's $(size_of plain.zst)"
fi

# --long alone is --long=27, to a file, at other levels, and on text.
rm -f twice.zst
zp -q --long -3 twice </dev/null
expect_rc 0 "zstdpp --long -3 twice"
expect_same twice.zst long.zst "--long is --long=27"
for level in -1 -5 -9; do
  zp -q --long=24 "$level" -c text </dev/null
  expect_rc 0 "zstdpp --long=24 $level text"
  cp out text$level.zst
  roundtrip text$level.zst text.orig "--long=24 $level text"
done

# Standard input: no size known, so the window stays 2^28, over every decoder's default.
zp -q --long=28 -3 -c <twice
expect_rc 0 "zstdpp --long=28 -3 from stdin"
cp out w28.zst
CHECKS=$((CHECKS + 1))
if ! zstd -lv w28.zst 2>&1 | grep -q 'Window Size: 256 MiB'; then fail "--long=28 from stdin: the window is not 256 MiB"; fi
roundtrip w28.zst twice.orig "--long=28 -3, zstd -d --long=28" --long=28
CHECKS=$((CHECKS + 1))
if zstd -q -d -c w28.zst >/dev/null 2>&1; then fail "zstd -d accepted a 256 MiB window without --long"; fi
zp -d -c w28.zst </dev/null
expect_failure "zstdpp -d of a 256 MiB window without --long" "window" "--long=N" "--memory="
for args in --long=28 --long=31 --memory=256MB; do
  zp -d "$args" -c w28.zst </dev/null
  expect_rc 0 "zstdpp -d $args of a 256 MiB window"
  expect_same out twice.orig "zstdpp -d $args of a 256 MiB window"
done
# --long never lowers a limit: --long=20 still decodes an 8 MiB window, and --memory's
# larger limit stands.
zp -d --long=20 -c long.zst </dev/null
expect_rc 0 "zstdpp -d --long=20 of an 8 MiB window (the default limit stands)"
zp -d --long=20 --memory=256MB -c w28.zst </dev/null
expect_rc 0 "zstdpp -d --long=20 --memory=256MB of a 256 MiB window"
# The reference's own --long=28 frames.
zstd -q --long=28 -3 -c <twice >z28.zst
zp -d --long=28 -c z28.zst </dev/null
expect_rc 0 "zstdpp -d --long=28 of zstd --long=28"
expect_same out twice.orig "zstdpp -d --long=28 of zstd --long=28"

# Values outside 10..31, or not numbers, are refused, naming the option and the range.
for bad in --long=9 --long=32 --long=abc --long=27x --long= --long=-1; do
  zp -q "$bad" -c text </dev/null
  expect_failure "zstdpp $bad" "--long" "10" "31"
  zp -q -d "$bad" -c long.zst </dev/null
  expect_failure "zstdpp -d $bad" "--long"
done

zp -H </dev/null
ok "-H mentions --long" grep -qF -- "--long[=#]" out

finish
