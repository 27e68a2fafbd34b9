#!/usr/bin/env bash
# The main job: install what is missing, build, then compress a real file with zstdpp and
# decompress it with zstdpp, printing sizes, ratio and speed beside the reference `zstd`
# CLI's on the same file in the same run (the machine is shared: compare the ratios
# zstdpp/zstd, not the absolute speeds), and check the round trip bit-exact, also through
# `zstd -d` (zstdpp's frames are standard frames).
#
# The file: a Silesia corpus file from ../shared/corpus when present, else the cmake binary
# (real data every build machine has). LEVEL (default 3) is the level of both compressors;
# a level zstdpp cannot use yet stops the job with zstdpp's message. BUILD_DIR (default
# build-main) is the build directory.
#
# Timing: best of 5 wall-clock runs of the whole process, output to /dev/null, every run
# pinned to one core when taskset exists (zstdpp is single-threaded; zstd's I/O thread
# then shares that core, and its compression runs with --single-thread). Decompression:
# both decoders read zstdpp's frame, so they decode the same blocks.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/deps.sh"
build=${BUILD_DIR:-$root/build-main}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DZSTDPP_BUILD_TESTS=OFF >/dev/null
ninja -C "$build" -j2 zstdpp_cli >/dev/null
zstdpp="$build/tools/zstdpp/zstdpp"

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
corpus="$root/../shared/corpus"
if [ -x "$corpus/unpack.sh" ]; then
  input="$("$corpus/unpack.sh" /tmp/zstdpp-corpus)/dickens"
else
  input=$(command -v cmake)
fi
level=${LEVEL:-3}
case $level in -*) level_opt="--fast=${level#-}" ;; *) level_opt="-$level" ;; esac
pin=""
if command -v taskset >/dev/null 2>&1 && taskset -c 1 true 2>/dev/null; then pin="taskset -c 1"; fi

# Frames from both compressors, and the round trips (stop here on any failure).
if ! "$zstdpp" -q -f "$level_opt" "$input" -o "$work/zstdpp.zst"; then
  echo "main_job: zstdpp could not compress $input at level $level (see above)" >&2
  exit 1
fi
zstd -q -f --single-thread "$level_opt" "$input" -o "$work/zstd.zst"
"$zstdpp" -q -d -c "$work/zstdpp.zst" | cmp - "$input"
zstd -q -d -c "$work/zstdpp.zst" | cmp - "$input"

best() {  # best of 5 wall-clock runs of "$@", in seconds
  local b=999999 t0 t1 t
  for _ in 1 2 3 4 5; do
    t0=$(date +%s.%N); $pin "$@" >/dev/null; t1=$(date +%s.%N)
    t=$(echo "$t1 - $t0" | bc -l); if [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}
tc_ours=$(best "$zstdpp" -q -c "$level_opt" "$input")
tc_ref=$(best zstd -q -c --single-thread "$level_opt" "$input")
td_ours=$(best "$zstdpp" -q -d -c "$work/zstdpp.zst")
td_ref=$(best zstd -q -d -c "$work/zstdpp.zst")

orig=$(stat -c %s "$input")
c_ours=$(stat -c %s "$work/zstdpp.zst"); c_ref=$(stat -c %s "$work/zstd.zst")
mbps() { echo "$orig / $1 / 1000000" | bc -l; }
printf 'file         %s, %d bytes, level %s\n' "$input" "$orig" "$level"
printf '             %12s  %6s  %12s  %12s\n' compressed ratio compress decompress
printf 'zstdpp       %10d B  %6.3f  %7.1f MB/s  %7.1f MB/s\n' "$c_ours" "$(echo "$orig / $c_ours" | bc -l)" \
  "$(mbps "$tc_ours")" "$(mbps "$td_ours")"
printf 'zstd %-7s %10d B  %6.3f  %7.1f MB/s  %7.1f MB/s\n' "$(zstd -V | grep -o 'v[0-9.]*')" "$c_ref" \
  "$(echo "$orig / $c_ref" | bc -l)" "$(mbps "$tc_ref")" "$(mbps "$td_ref")"
printf 'zstdpp/zstd  %12.3f  %6.3f  %12.2f  %12.2f   (speed ratios: above 1 is faster)\n' \
  "$(echo "$c_ours / $c_ref" | bc -l)" "$(echo "$c_ref / $c_ours" | bc -l)" \
  "$(echo "$tc_ref / $tc_ours" | bc -l)" "$(echo "$td_ref / $td_ours" | bc -l)"
echo "round trip: bit-exact (zstdpp -d and zstd -d both restore the file from zstdpp's frame)"
