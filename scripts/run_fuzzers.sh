#!/usr/bin/env bash
# run_fuzzers.sh: build the libFuzzer targets of fuzz/, replay the kept crash inputs, seed
# from the conformance vectors, and fuzz each target for a bounded time.
#
#   scripts/run_fuzzers.sh [SECONDS_PER_TARGET]      (default 60; 0 = replay only)
#
# Steps: (1) configure + build the clang fuzz build dir; (2) write seed corpora at run time
# under the build dir, from $ZSTDPP_SHARED_DIR/conformance/*/ (the *.zst vectors; for the
# dictionary target the manifest's dictionary is put in front) or, without shared/, from
# frames the `zstd` CLI makes of small generated inputs; (3) replay fuzz/regressions/<target>/
# (every file except README*/.gitkeep, each run once); (4) run each target over
# (persistent corpus + seeds) for SECONDS_PER_TARGET. With 0 seconds, step 4 only replays
# the seeds once per target (a quick CI smoke test).
#
# Prints one summary line per target and exits non-zero if anything crashed (sanitizer
# report, failed check, timeout, out-of-memory, leak). Needs no tty. Shared files are only
# read, never copied into the repository.
#
# Environment (all optional):
#   ZSTDPP_FUZZ_BUILD_DIR   build dir (default: <repo>/build-fuzz)
#   ZSTDPP_SHARED_DIR       shared data (default: <repo>/../shared)
#   ZSTDPP_FUZZ_ARTIFACTS   where crash/timeout/oom inputs go (default: <build>/fuzz-artifacts)
#   ZSTDPP_FUZZ_TARGETS     space-separated subset of targets (default: all three)
#   ZSTDPP_FUZZ_KEEP_GOING  1: fork mode that keeps fuzzing after a crash, to collect several
#   ZSTDPP_FUZZ_MAX_SEED    largest seed in bytes (default 131072; bigger vectors are left out)
#   ZSTDPP_FUZZ_TIMEOUT     seconds one input may take before it counts as a hang (default 30)
#   ZSTDPP_FUZZ_RSS_MB      memory limit per fuzzer process (default 2048)
#   ZSTDPP_FUZZ_JOBS        ninja -j for the build (default 1: the CI box has 2 shared cores)
#   ZSTDPP_FUZZ_NO_BUILD    1: skip configure/build (use what is in the build dir)
set -uo pipefail

SECONDS_PER_TARGET="${1:-60}"
if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 [SECONDS_PER_TARGET]   (a whole number; 0 = replay regressions and seeds only)" >&2
  exit 2
fi

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${ZSTDPP_FUZZ_BUILD_DIR:-$REPO/build-fuzz}"
SHARED="${ZSTDPP_SHARED_DIR:-$REPO/../shared}"
ARTIFACTS="${ZSTDPP_FUZZ_ARTIFACTS:-$BUILD/fuzz-artifacts}"
TARGETS="${ZSTDPP_FUZZ_TARGETS:-fuzz_decompress fuzz_stream_decompress fuzz_dict_decompress}"
MAX_SEED="${ZSTDPP_FUZZ_MAX_SEED:-131072}"
TIMEOUT="${ZSTDPP_FUZZ_TIMEOUT:-30}"
RSS_MB="${ZSTDPP_FUZZ_RSS_MB:-2048}"
JOBS="${ZSTDPP_FUZZ_JOBS:-1}"

log() { echo "[run_fuzzers] $*"; }
die() { echo "[run_fuzzers] error: $*" >&2; exit 2; }

# --- 1. build ---------------------------------------------------------------------------
if [[ "${ZSTDPP_FUZZ_NO_BUILD:-0}" != 1 ]]; then
  command -v clang++ >/dev/null || die "clang++ not found (libFuzzer needs clang)"
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  if [[ ! -f "$BUILD/CMakeCache.txt" ]]; then
    log "configuring $BUILD"
    mkdir -p "$BUILD"
    cmake -S "$REPO" -B "$BUILD" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_COMPILER=clang++ -DZSTDPP_BUILD_FUZZ=ON -DZSTDPP_BUILD_TESTS=OFF \
      -DZSTDPP_BUILD_TOOLS=OFF >"$BUILD/fuzz-configure.log" 2>&1 \
      || { cat "$BUILD/fuzz-configure.log" >&2; die "cmake configure failed"; }
  fi
  log "building $TARGETS"
  # shellcheck disable=SC2086
  cmake --build "$BUILD" -j "$JOBS" --target $TARGETS >"$BUILD/fuzz-build.log" 2>&1 \
    || { tail -n 60 "$BUILD/fuzz-build.log" >&2; die "build failed (full log: $BUILD/fuzz-build.log)"; }
fi
for target in $TARGETS; do
  [[ -x "$BUILD/fuzz/$target" ]] || die "$BUILD/fuzz/$target is missing: build with -DZSTDPP_BUILD_FUZZ=ON"
done

# --- 2. seeds --------------------------------------------------------------------------
SEEDS="$BUILD/fuzz-seeds"
rm -rf "$SEEDS"
for target in $TARGETS; do mkdir -p "$SEEDS/$target" "$BUILD/fuzz-corpus/$target" "$ARTIFACTS/$target"; done

# Little-endian 16-bit value as 2 raw bytes.
le16() { printf "\\x$(printf %02x $(($1 & 255)))\\x$(printf %02x $((($1 >> 8) & 255)))"; }

# write_seeds NAME FRAME_FILE [DICT_FILE]: the seed of every target for one vector.
seed_index=0
write_seeds() {
  local name="$1" frame="$2" dict="${3:-}" size
  size=$(wc -c <"$frame")
  ((size <= MAX_SEED)) || return 0
  seed_index=$((seed_index + 1))
  if [[ -d "$SEEDS/fuzz_decompress" ]]; then
    cp "$frame" "$SEEDS/fuzz_decompress/$name"
  fi
  if [[ -d "$SEEDS/fuzz_stream_decompress" ]]; then
    # Control prefix: input mode, output mode and seed cycle with the vector's index, so
    # the seeds between them start from every size distribution; one in 8 is decoded in
    # the magicless format (0x40), one in 16 with skip_checksum (0x80).
    local in_mode=$((seed_index % 4)) out_mode=$(((seed_index / 4) % 4))
    ((seed_index % 8 == 5)) && in_mode=$((in_mode | 0x40))
    ((seed_index % 16 == 3)) && in_mode=$((in_mode | 0x80))
    { printf "\\x$(printf %02x $in_mode)\\x$(printf %02x $out_mode)"; le16 "$seed_index"; cat "$frame"; } \
      >"$SEEDS/fuzz_stream_decompress/$name"
  fi
  if [[ -d "$SEEDS/fuzz_dict_decompress" ]]; then
    local dict_size=0
    [[ -n "$dict" ]] && dict_size=$(wc -c <"$dict")
    ((dict_size > 65535)) && dict_size=65535
    {
      le16 "$dict_size"
      [[ -n "$dict" ]] && head -c "$dict_size" "$dict"
      cat "$frame"
    } >"$SEEDS/fuzz_dict_decompress/$name"
  fi
}

seed_from_conformance() {
  local manifest set_dir set_name file dict
  for manifest in "$SHARED"/conformance/*/manifest.tsv; do
    set_dir="$(dirname "$manifest")"
    set_name="$(basename "$set_dir")"
    # Columns are found by their header names (the manifests order them differently).
    while IFS=$'\t' read -r file dict; do
      [[ -f "$set_dir/$file" ]] || continue
      if [[ "$dict" == "-" || -z "$dict" ]]; then dict=""; else dict="$set_dir/$dict"; fi
      [[ -z "$dict" || -f "$dict" ]] || continue
      write_seeds "${set_name}_${file//\//_}" "$set_dir/$file" "$dict"
    done < <(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
                         { print $col["file"] "\t" (("dict" in col) ? $col["dict"] : "-") }' "$manifest")
  done
  # Each dictionary alone (its parser without frames), and frames with the wrong dictionary.
  if [[ -d "$SEEDS/fuzz_dict_decompress" ]]; then
    local d size
    for d in "$SHARED"/conformance/*/*.zdict "$SHARED"/conformance/*/ref-* \
             "$SHARED"/conformance/golden/golden-dictionaries/*; do
      [[ -f "$d" ]] || continue
      size=$(wc -c <"$d"); ((size > 65535)) && size=65535
      { le16 "$size"; head -c "$size" "$d"; } >"$SEEDS/fuzz_dict_decompress/dict_only_$(basename "$d")"
    done
  fi
}

seed_from_zstd_cli() {
  command -v zstd >/dev/null || { log "no shared/ and no zstd CLI: starting from empty corpora"; return 0; }
  local tmp; tmp="$(mktemp -d)"
  : >"$tmp/empty"
  printf 'hi\n' >"$tmp/hi"
  for i in $(seq 1 300); do echo "line $i: the quick brown fox jumps over the lazy dog $((i % 7))"; done >"$tmp/text"
  head -c 70000 /dev/zero >"$tmp/zeros"
  awk 'BEGIN { srand(7); for (i = 0; i < 20000; i++) printf "%c", 97 + int(rand() * rand() * 26) }' >"$tmp/skewed"
  awk 'BEGIN { srand(9); for (i = 0; i < 3000; i++) printf "%c", 32 + int(rand() * 90) }' >"$tmp/noise"
  local input level
  for input in empty hi text zeros skewed noise; do
    for level in --fast=3 -1 -3 -9 -19; do
      zstd -q -c $level "$tmp/$input" >"$tmp/$input$level.zst"
      write_seeds "cli_${input}${level}.zst" "$tmp/$input$level.zst"
    done
    zstd -q -c --no-check "$tmp/$input" >"$tmp/$input.nocheck.zst" && write_seeds "cli_${input}_nocheck.zst" "$tmp/$input.nocheck.zst"
    zstd -q -c <"$tmp/$input" >"$tmp/$input.stdin.zst" && write_seeds "cli_${input}_stdin.zst" "$tmp/$input.stdin.zst"
    zstd -q -c -D "$tmp/text" "$tmp/$input" >"$tmp/$input.dict.zst" && write_seeds "cli_${input}_rawdict.zst" "$tmp/$input.dict.zst" "$tmp/text"
  done
  cat "$tmp/hi-1.zst" "$tmp/text-3.zst" >"$tmp/two.zst" && write_seeds "cli_two_frames.zst" "$tmp/two.zst"
  rm -rf "$tmp"
}

if [[ -d "$SHARED/conformance" ]]; then
  log "seeding from $SHARED/conformance (vectors up to $MAX_SEED bytes)"
  seed_from_conformance
else
  log "$SHARED/conformance not found: seeding from frames made by the zstd CLI"
  seed_from_zstd_cli
fi

# --- 3. regressions ---------------------------------------------------------------------
status=0
summary=()
for target in $TARGETS; do
  mapfile -t kept < <(find "$REPO/fuzz/regressions/$target" -maxdepth 1 -type f \
                        ! -name 'README*' ! -name '.gitkeep' 2>/dev/null | sort)
  if ((${#kept[@]} == 0)); then
    summary+=("$target regressions: none kept")
    continue
  fi
  if "$BUILD/fuzz/$target" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" "${kept[@]}" \
      >"$BUILD/fuzz-$target-regressions.log" 2>&1; then
    summary+=("$target regressions: PASS (${#kept[@]} inputs)")
  else
    status=1
    summary+=("$target regressions: FAIL (log: $BUILD/fuzz-$target-regressions.log)")
    tail -n 40 "$BUILD/fuzz-$target-regressions.log"
  fi
done

# --- 4. fuzzing -------------------------------------------------------------------------
stat_of() { grep -a "^stat::$1:" "$2" | tail -n 1 | awk '{ print $2 }'; }
for target in $TARGETS; do
  binary="$BUILD/fuzz/$target"
  log_file="$BUILD/fuzz-$target.log"
  seeds_count=$(find "$SEEDS/$target" -type f | wc -l)
  marker="$(mktemp)"
  args=(-timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" -print_final_stats=1
        -artifact_prefix="$ARTIFACTS/$target/")
  if ((SECONDS_PER_TARGET == 0)); then
    args+=(-runs=0)
    corpora=("$SEEDS/$target")
  else
    args+=(-max_total_time="$SECONDS_PER_TARGET")
    [[ "${ZSTDPP_FUZZ_KEEP_GOING:-0}" == 1 ]] && args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    corpora=("$BUILD/fuzz-corpus/$target" "$SEEDS/$target")
  fi
  log "$target: ${SECONDS_PER_TARGET}s over $seeds_count seeds (log: $log_file)"
  "$binary" "${args[@]}" "${corpora[@]}" </dev/null >"$log_file" 2>&1
  rc=$?
  mapfile -t found < <(find "$ARTIFACTS/$target" -type f -newer "$marker" | sort)
  rm -f "$marker"
  runs=$(stat_of number_of_executed_units "$log_file")
  rate=$(stat_of average_exec_per_sec "$log_file")
  # Fork mode prints no final stats: take its last status line instead.
  [[ -n "$runs" ]] || runs=$(grep -aoE '^#[0-9]+' "$log_file" | tail -n 1 | tr -d '#')
  [[ -n "$rate" ]] || rate=$(grep -aoE 'exec/s:? [0-9]+' "$log_file" | tail -n 1 | grep -oE '[0-9]+$')
  cov=$(grep -ao 'cov: [0-9]*' "$log_file" | tail -n 1 | awk '{ print $2 }')
  line="$target: runs=${runs:-?} exec/s=${rate:-?} cov=${cov:-?} seeds=$seeds_count"
  if ((rc != 0 || ${#found[@]} > 0)); then
    status=1
    summary+=("$line FAIL (exit $rc; ${#found[@]} inputs saved in $ARTIFACTS/$target/)")
    echo "----- $target: last lines of $log_file -----"
    grep -a -A 14 -E '^==[0-9]+==ERROR|^==zstdpp-fuzz==|runtime error:|deadly signal|ERROR: libFuzzer' "$log_file" | head -n 60
    printf '  saved: %s\n' "${found[@]}"
  else
    summary+=("$line PASS")
  fi
done

echo "===== fuzz summary (${SECONDS_PER_TARGET}s per target) ====="
printf '%s\n' "${summary[@]}"
exit "$status"
