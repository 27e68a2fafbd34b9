# Helpers shared by the command-line tests (tests/cli/*.sh), sourced by each of them.
#
# Each test script is run by CTest as `bash SCRIPT.sh PATH_TO_zstdpp`. It works in a fresh
# temporary directory (deleted at exit), makes its inputs with the real `zstd` CLI, runs
# zstdpp on them, prints "FAIL: what" for every broken expectation, and exits 1 if there
# was any (0 otherwise). This file is named .bash, not .sh, so CTest does not run it as a
# test of its own.
#
# Without the `zstd` CLI the scripts print SKIPPED and exit 77, CTest's skip code here.

set -u

if [ $# -lt 1 ]; then
  echo "usage: bash $0 PATH_TO_zstdpp" >&2
  exit 2
fi
ZSTDPP=$1
case $ZSTDPP in /*) ;; *) ZSTDPP=$PWD/$ZSTDPP ;; esac
if [ ! -x "$ZSTDPP" ]; then
  echo "FAIL: $ZSTDPP is not an executable" >&2
  exit 1
fi
if ! command -v zstd >/dev/null 2>&1; then
  echo "SKIPPED: the zstd command line tool is not installed (it makes the test inputs)"
  exit 77
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/zstdpp-cli-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

FAILS=0
CHECKS=0

fail() {
  echo "FAIL: $*"
  FAILS=$((FAILS + 1))
}

# ok CONDITION_DESCRIPTION COMMAND...: runs COMMAND (a test like `cmp -s a b`), counts a
# failure with the description when it fails.
ok() {
  local what=$1
  shift
  CHECKS=$((CHECKS + 1))
  if ! "$@"; then fail "$what"; fi
}

# zp ARGS...: runs zstdpp, stdout to ./out, stderr to ./err; sets RC. Its stdin is the
# caller's: redirect it (`zp -d <file.zst`, `zp ... </dev/null`).
zp() {
  "$ZSTDPP" "$@" >out 2>err
  RC=$?
}

# expect_rc EXPECTED WHAT: checks the status of the last zp.
expect_rc() {
  CHECKS=$((CHECKS + 1))
  if [ "$RC" != "$1" ]; then
    fail "$2: exit status $RC, expected $1; stderr: $(head -c 400 err)"
  fi
}

# expect_failure WHAT [STDERR_PATTERN...]: the last zp failed cleanly (status 1..127, no
# crash) and its stderr contains every pattern (grep -F, case-sensitive).
expect_failure() {
  local what=$1
  shift
  CHECKS=$((CHECKS + 1))
  if [ "$RC" -lt 1 ] || [ "$RC" -gt 127 ]; then
    fail "$what: exit status $RC, expected 1..127; stderr: $(head -c 400 err)"
    return
  fi
  local pattern
  for pattern in "$@"; do
    if ! grep -qF -- "$pattern" err; then
      fail "$what: stderr lacks '$pattern'; stderr was: $(head -c 400 err)"
    fi
  done
}

# expect_same FILE_A FILE_B WHAT
expect_same() {
  CHECKS=$((CHECKS + 1))
  if [ ! -e "$1" ]; then
    fail "$3: $1 does not exist"
  elif ! cmp -s "$1" "$2"; then
    fail "$3: $1 differs from $2 ($(wc -c <"$1") vs $(wc -c <"$2") bytes)"
  fi
}

expect_absent() {
  CHECKS=$((CHECKS + 1))
  if [ -e "$1" ]; then fail "$2: $1 exists but should not"; fi
}

# expect_no_temp_files DIR WHAT: no ".NAME.zstdpp-XXXXXX" leftovers.
expect_no_temp_files() {
  CHECKS=$((CHECKS + 1))
  local left
  left=$(find "$1" -maxdepth 1 -name '.*.zstdpp-*' | head -5)
  if [ -n "$left" ]; then fail "$2: temporary files left behind: $left"; fi
}

# Inputs. Deterministic text; "random" bytes from /dev/urandom (the tests check the CLI,
# not the codec's corners, so they do not need to be reproducible byte for byte).
make_text() {  # make_text BYTES FILE
  yes 'The quick brown fox jumps over the lazy dog; 0123456789 pack my box.' | head -c "$1" >"$2"
}
make_random() {  # make_random BYTES FILE
  head -c "$1" /dev/urandom >"$2"
}
# A skippable frame (magic 0x184D2A5N, little-endian 32-bit payload size, payload).
make_skippable() {  # make_skippable NIBBLE PAYLOAD_TEXT FILE
  local size=${#2}
  printf "\\x5$1\\x2a\\x4d\\x18\\x$(printf %02x $((size & 255)))\\x$(printf %02x $(((size >> 8) & 255)))\\x00\\x00%s" "$2" >"$3"
}
# Overwrites the byte at OFFSET with VALUE (two hex digits).
poke_byte() {  # poke_byte FILE OFFSET HEX
  printf "\\x$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

finish() {
  if [ "$FAILS" -ne 0 ]; then
    echo "$(basename "$0"): $FAILS of $CHECKS checks failed"
    exit 1
  fi
  echo "$(basename "$0"): all $CHECKS checks passed"
  exit 0
}
