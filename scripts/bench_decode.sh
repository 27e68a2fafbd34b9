#!/usr/bin/env bash
# Benchmark driver: builds the bench programs, pins them to one core and saves
# their output, so a run is one command and its result is kept next to the date.
#
#   scripts/bench_decode.sh [side_by_side options...]     the corpus table (bench/README.md;
#                                                         --mode=compress: the encoders, see bench_compress.sh)
#   scripts/bench_decode.sh --stage [benchmark options...] the Google Benchmark suites
#
# Environment: BUILD_DIR (default build-bench under the repo), ZSTDPP_BENCH_CPU (core to
# pin to, default 1), RESULTS_DIR (default /tmp/zstdpp-bench-results).
# Pinning, because the machine has 2 shared cores and both decoders are single-threaded;
# a warning on high load, because a busy machine makes every ratio drift (see README).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$repo/build-bench}
cpu=${ZSTDPP_BENCH_CPU:-1}
results=${RESULTS_DIR:-/tmp/zstdpp-bench-results}

program=zstdpp_side_by_side
if [ "${1:-}" = "--stage" ]; then
  program=zstdpp_stage_bench
  shift
fi

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DZSTDPP_BUILD_BENCH=ON \
    -DZSTDPP_BUILD_TESTS=OFF >/dev/null
fi
if ! log=$(ninja -C "$build" -j1 "$program" 2>&1); then
  echo "$log" >&2
  echo "bench_decode.sh: building $program failed" >&2
  exit 1
fi

load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.7) }'; then
  echo "warning: load average $load: other work is running; ratios will be noisier" >&2
fi

pin=""
if command -v taskset >/dev/null 2>&1; then pin="taskset -c $cpu"; fi
mkdir -p "$results"
out="$results/$program-$(date +%Y%m%d-%H%M%S).txt"
# shellcheck disable=SC2086  # $pin is deliberately split into command and arguments
$pin "$build/bench/$program" "$@" | tee "$out"
echo "saved: $out" >&2
