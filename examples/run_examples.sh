#!/usr/bin/env bash
# Runs the example programs end to end on a ~1 MB multi-line text:
#   compress_file      -> the frame decodes with the reference `zstd` CLI (when installed)
#                         and carries the content size;
#   decompress_frames  -> a file of concatenated frames (plus a skippable frame) decodes to
#                         the concatenation of the originals, and the frames are counted;
#   read_lines         -> counts as many lines as `wc -l`, also across frames;
# and each program fails cleanly (status 1, a message) on a missing or truncated input.
# Without the `zstd` CLI the checks that need it print SKIPPED; the others still run.
# Usage: bash run_examples.sh COMPRESS_FILE DECOMPRESS_FRAMES READ_LINES
set -u

if [ $# -ne 3 ]; then
  echo "usage: bash $0 COMPRESS_FILE DECOMPRESS_FRAMES READ_LINES" >&2
  exit 2
fi
COMPRESS=$1
DECOMPRESS=$2
READ_LINES=$3
for program in "$COMPRESS" "$DECOMPRESS" "$READ_LINES"; do
  if [ ! -x "$program" ]; then
    echo "FAIL: $program is not an executable"
    exit 1
  fi
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/zstdpp-examples.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

FAILS=0
CHECKS=0
fail() {
  echo "FAIL: $*"
  FAILS=$((FAILS + 1))
}
# run NAME PROGRAM ARGS...: stdout to NAME.out, stderr to NAME.err, status in RC.
run() {
  local name=$1
  shift
  "$@" >"$name.out" 2>"$name.err"
  RC=$?
}
expect_rc() {  # expect_rc EXPECTED NAME
  CHECKS=$((CHECKS + 1))
  if [ "$RC" != "$1" ]; then
    fail "$2: exit status $RC, expected $1; stderr: $(head -c 400 "$2.err")"
  fi
}
expect_same() {  # expect_same FILE_A FILE_B WHAT
  CHECKS=$((CHECKS + 1))
  if ! cmp -s "$1" "$2"; then fail "$3: $1 differs from $2"; fi
}
# expect_clean_failure NAME: status 1 and a message naming the program.
expect_clean_failure() {
  expect_rc 1 "$1"
  CHECKS=$((CHECKS + 1))
  if ! [ -s "$1.err" ]; then fail "$1: failed without a message"; fi
}

# Inputs: ~1 MB and ~550 KB of numbered text lines (deterministic).
seq 1 14000 | awk '{ printf "%06d the quick brown fox jumps over the lazy dog %d times, %x\n", $1, $1 * 7, $1 * 13 }' >text
seq 1 9000 | awk '{ printf "second file, line %d: pack my box with %d dozen liquor jugs\n", $1, $1 % 97 }' >text2

# --- compress_file ---------------------------------------------------------------------
run compress "$COMPRESS" text text.zst 3
expect_rc 0 compress
cat compress.out
CHECKS=$((CHECKS + 1))
grep -q "100%" compress.err || fail "compress_file printed no 100% progress line: $(head -c 400 compress.err)"
run compress2 "$COMPRESS" text2 text2.zst 1
expect_rc 0 compress2
CHECKS=$((CHECKS + 1))
[ "$(wc -c <text.zst)" -lt "$(wc -c <text)" ] || fail "text.zst is not smaller than text"

if command -v zstd >/dev/null 2>&1; then
  CHECKS=$((CHECKS + 1))
  zstd -q -t text.zst || fail "zstd -t rejects compress_file's output"
  CHECKS=$((CHECKS + 1))
  zstd -q -d -c text.zst | cmp -s - text || fail "zstd -d of text.zst does not give text back"
  CHECKS=$((CHECKS + 1))
  zstd -q -d -c text2.zst | cmp -s - text2 || fail "zstd -d of text2.zst does not give text2 back"
  CHECKS=$((CHECKS + 1))
  zstd -lv text.zst 2>&1 | grep -q '^Decompressed Size:' || fail "text.zst's header has no content size"
else
  echo "SKIPPED: the zstd command line tool is not installed: compress_file's frames not checked with it"
fi

# --- decompress_frames -----------------------------------------------------------------
# A skippable frame (magic 0x184D2A50, little-endian payload size 5, payload) between two
# compressed files: the decoder must pass over it.
printf '\x50\x2a\x4d\x18\x05\x00\x00\x00hello' >skippable
cat text.zst skippable text2.zst >frames.zst
cat text text2 >frames.expected
run decompress "$DECOMPRESS" frames.zst frames.decoded
expect_rc 0 decompress
cat decompress.out
expect_same frames.decoded frames.expected "decompress_frames of text.zst + skippable + text2.zst"
CHECKS=$((CHECKS + 1))
grep -q '^3 frame(s)' decompress.out || fail "decompress_frames did not count 3 frames: $(cat decompress.out)"
CHECKS=$((CHECKS + 1))
[ "$(grep -c skippable decompress.out)" = 1 ] || fail "decompress_frames did not list the skippable frame"

# --- read_lines ------------------------------------------------------------------------
run lines "$READ_LINES" text.zst
expect_rc 0 lines
cat lines.out
CHECKS=$((CHECKS + 1))
[ "$(tail -n 1 lines.out | awk '{ print $1 }')" = "$(wc -l <text)" ] ||
  fail "read_lines counted '$(tail -n 1 lines.out)', wc -l counts $(wc -l <text)"
CHECKS=$((CHECKS + 1))
[ "$(sed -n 1p lines.out)" = "  $(head -n 1 text)" ] || fail "read_lines' first line is '$(sed -n 1p lines.out)'"
run lines_frames "$READ_LINES" frames.zst
expect_rc 0 lines_frames
CHECKS=$((CHECKS + 1))
[ "$(tail -n 1 lines_frames.out | awk '{ print $1 }')" = "$(wc -l <frames.expected)" ] ||
  fail "read_lines over 3 frames counted '$(tail -n 1 lines_frames.out)', wc -l counts $(wc -l <frames.expected)"

# --- Errors: status 1 and a message, never a crash or a silent success -----------------
head -c $(($(wc -c <text.zst) / 2)) text.zst >truncated.zst
run compress_missing "$COMPRESS" no-such-file out.zst
expect_clean_failure compress_missing
CHECKS=$((CHECKS + 1))
[ ! -e out.zst ] || fail "compress_file left out.zst behind after failing"
run compress_level "$COMPRESS" text bad.zst fast
expect_clean_failure compress_level
run decompress_truncated "$DECOMPRESS" truncated.zst truncated.out
expect_clean_failure decompress_truncated
run decompress_garbage "$DECOMPRESS" text garbage.out
expect_clean_failure decompress_garbage
run lines_truncated "$READ_LINES" truncated.zst
expect_clean_failure lines_truncated
run usage "$READ_LINES"
expect_rc 2 usage

if [ "$FAILS" -ne 0 ]; then
  echo "run_examples.sh: $FAILS of $CHECKS checks failed"
  exit 1
fi
echo "run_examples.sh: all $CHECKS checks passed"
exit 0
