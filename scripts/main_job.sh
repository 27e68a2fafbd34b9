#!/usr/bin/env bash
# The main job: install what is missing, build, then compress a real file and decompress
# it with zstdpp, printing sizes, ratio and speed beside the reference `zstd` CLI's
# decompression of the same frame in the same run (the machine is shared: compare ratios).
#
# The file: a Silesia corpus file from ../shared/corpus when present, else the cmake binary
# (real data every build machine has). Until zstdpp's encoder lands (issue 3), the frame
# is made by the `zstd` CLI.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/deps.sh"
build="$root/build-main"
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
zstd -q -f -"$level" "$input" -o "$work/frame.zst"

best() {  # best of 5 wall-clock runs of "$@", in seconds
  local b=999999 t0 t1 t
  for _ in 1 2 3 4 5; do
    t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
    t=$(echo "$t1 - $t0" | bc -l); if [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}
"$zstdpp" -d -c "$work/frame.zst" | cmp - "$input"
orig=$(stat -c %s "$input"); comp=$(stat -c %s "$work/frame.zst")
t_ours=$(best "$zstdpp" -d -c "$work/frame.zst")
t_ref=$(best zstd -d -c "$work/frame.zst")
printf 'file        %s\n' "$input"
printf 'original    %d bytes\ncompressed  %d bytes (zstd -%s), ratio %.3f\n' "$orig" "$comp" "$level" "$(echo "$orig / $comp" | bc -l)"
printf 'decompress  zstdpp %.1f MB/s, zstd %.1f MB/s, zstdpp/zstd %.2f (whole process, output to /dev/null)\n' \
  "$(echo "$orig / $t_ours / 1000000" | bc -l)" "$(echo "$orig / $t_ref / 1000000" | bc -l)" "$(echo "$t_ref / $t_ours" | bc -l)"
echo "round trip: bit-exact"
