#!/usr/bin/env bash
# Encoder benchmark driver: zstdpp_side_by_side --mode=compress through bench_decode.sh,
# which builds, pins to one core, warns on load and saves the table.
#
#   scripts/bench_compress.sh [side_by_side options...]   e.g. --reps=5 --levels=1,3
#
# Environment as for bench_decode.sh (BUILD_DIR, ZSTDPP_BENCH_CPU, RESULTS_DIR). A later
# --mode=... in the options (e.g. --mode=both) overrides this one.
set -euo pipefail
exec "$(dirname "$0")/bench_decode.sh" --mode=compress "$@"
