#!/usr/bin/env bash
# The test job (what .ci/run runs): install what is missing, then
#   1. a Release build with warnings as errors (g++) and every CTest test: unit, API,
#      interop with the zstd CLI, CLI scripts, layering, conformance (when ../shared exists);
#   2. the same suite built with clang under AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. every libFuzzer target over its seed corpus (and kept crash inputs) for a bounded time.
# Ends with one line "summary: N passed, M failed" over the CTest tests and fuzz targets.
# Environment: FUZZ_SECONDS (per target, default 60), JOBS (default 2).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${JOBS:-2}
fuzz_seconds=${FUZZ_SECONDS:-60}
bash "$root/scripts/deps.sh" || exit 1

passed=0; failed=0
run_suite() {  # run_suite NAME BUILD_DIR CMAKE_ARGS...
  local name=$1 dir=$2; shift 2
  echo "=== $name: configure and build ($dir)"
  if ! cmake -S "$root" -B "$dir" -G Ninja "$@" >"$dir.configure.log" 2>&1; then
    cat "$dir.configure.log"; failed=$((failed + 1)); return
  fi
  if ! ninja -C "$dir" -j"$jobs" >"$dir.build.log" 2>&1; then
    tail -50 "$dir.build.log"; echo "$name: build failed"; failed=$((failed + 1)); return
  fi
  echo "=== $name: tests"
  ctest --test-dir "$dir" -j"$jobs" --output-on-failure --timeout 1500 2>&1 | tee "$dir.ctest.log" | grep -vE "^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* Passed"
  local line total fails
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$dir.ctest.log" | tail -1)
  total=$(echo "$line" | sed -E 's/.* out of ([0-9]+).*/\1/'); fails=$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed.*/\1/')
  if [ -z "$line" ]; then failed=$((failed + 1)); return; fi
  passed=$((passed + total - fails)); failed=$((failed + fails))
}

mkdir -p "$root/build-ci"
run_suite release "$root/build-ci/release" -DCMAKE_BUILD_TYPE=Release -DZSTDPP_WERROR=ON
run_suite sanitizers "$root/build-ci/asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DZSTDPP_SANITIZE=ON -DZSTDPP_WERROR=ON

echo "=== fuzzers: $fuzz_seconds s per target"
if ZSTDPP_FUZZ_BUILD_DIR="$root/build-ci/fuzz" ZSTDPP_FUZZ_JOBS="$jobs" \
   bash "$root/scripts/run_fuzzers.sh" "$fuzz_seconds" >"$root/build-ci/fuzz.log" 2>&1; then
  n=$(grep -cE "^fuzz_[a-z_]+: .* PASS$" "$root/build-ci/fuzz.log" || true); passed=$((passed + ${n:-0}))
  grep -E "^fuzz_[a-z_]+( regressions)?: " "$root/build-ci/fuzz.log"
else
  tail -60 "$root/build-ci/fuzz.log"; failed=$((failed + 1))
fi

echo "summary: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
