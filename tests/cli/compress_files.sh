#!/usr/bin/env bash
# zstdpp compression and its files: -k/--rm, never overwriting without -f, never leaving
# a partial output, levels 5..22 round-tripping (20+ only with --ultra, lowered to 19
# without it),
# failures that name the file and exit non-zero without stopping the other inputs,
# permissions carried over, and the terminal checks (when `script` can make one).
# Usage: bash compress_files.sh PATH_TO_zstdpp
source "$(dirname "$0")/common.bash" "$@"

make_text 400000 text
make_random 300000 rand
cp text text.orig
cp rand rand.orig
# 100 KB of text, random bytes and text again for the optimal parsers (levels 16..22): the
# file's size shrinks their window and tables to it (level 22 without a known size would
# ask for a 128 MiB window and 512 MiB of chain).
{ head -c 60000 text; head -c 20000 rand; head -c 20000 text; } >small
cp small small.orig

# roundtrip FRAME ORIGINAL WHAT: the reference decoder gives ORIGINAL back.
roundtrip() {
  CHECKS=$((CHECKS + 1))
  if ! zstd -q -d -c "$1" 2>/dev/null | cmp -s - "$2"; then fail "$3: $1 does not decode to $2"; fi
}

# -k is the default; --rm removes the input only after success; -k after --rm keeps it.
zp -q text </dev/null
expect_rc 0 "compress text"
ok "input kept by default" test -f text
cp text t1
zp -q --rm t1 </dev/null
expect_rc 0 "--rm"
expect_absent t1 "--rm removes the input"
roundtrip t1.zst text.orig "--rm"
cp text t2
zp -q --rm -k t2 </dev/null
ok "-k after --rm keeps the input" test -f t2
cp text t3
zp -q --rm -c t3 </dev/null
ok "--rm with -c keeps the input (as zstd)" test -f t3
cp text t4
zp -q --rm t4 t4missing </dev/null
expect_failure "--rm with a missing input" "t4missing"
expect_absent t4 "--rm still removes the input that succeeded"

# Never overwrite without -f; the existing file is left untouched; -f overwrites.
printf 'precious\n' >keep.zst
cp text keep
zp keep </dev/null
expect_failure "existing keep.zst without -f" "keep.zst" "already exists"
ok "existing keep.zst untouched" grep -qx precious keep.zst
zp -o keep.zst rand </dev/null
expect_failure "existing -o target without -f" "keep.zst"
ok "existing -o target untouched" grep -qx precious keep.zst
zp -q -f keep </dev/null
expect_rc 0 "-f overwrites"
roundtrip keep.zst text.orig "-f overwrites"
zp -q -f text -o text </dev/null
expect_failure "output is the input" "text"
ok "input intact after refusing to overwrite it" cmp -s text text.orig

# A failing input among good ones: named, status 1, the others still compressed.
rm -f text.zst rand.zst
mkdir adir
zp -q text missing adir rand </dev/null
expect_failure "missing file and directory among good ones" "missing" "adir"
roundtrip text.zst text.orig "good input before bad ones"
roundtrip rand.zst rand.orig "good input after bad ones"
expect_absent missing.zst "no output for a missing input"
expect_absent adir.zst "no output for a directory"

# -o FILE with several inputs: one failure and nothing is written at all.
zp -q -o all.zst text missing rand </dev/null
expect_failure "-o with a missing input" "missing" "all.zst"
expect_absent all.zst "no -o output when an input failed"

# Levels 5..15 (greedy, lazy, lazy2, btlazy2 for this 400 KB file) are built: they must
# round-trip.
for level in 5 9 15; do
  rm -f text.zst
  zp -q -$level text </dev/null
  expect_rc 0 "level $level"
  roundtrip text.zst text.orig "level $level"
done

# Levels 16..19 (btopt, btultra, btultra2) and, with --ultra, 20..22 round-trip, to a
# file and to stdout (the same frame: the file's size is known either way).
for args in "-16" "-17" "-18" "-19" "--ultra -20" "--ultra -21" "--ultra -22"; do
  level=${args##* }  # -16 .. -22
  rm -f small.zst
  # shellcheck disable=SC2086  # unquoted: "--ultra -20" is two arguments
  zp -q $args small </dev/null
  expect_rc 0 "level $args"
  roundtrip small.zst small.orig "level $args"
  cp small.zst "small$level.zst"
  # shellcheck disable=SC2086
  zp -q -c $args small </dev/null
  expect_rc 0 "level $args to stdout"
  ok "level $args: the same frame to stdout as to a file" cmp -s out "small$level.zst"
done

# Levels 20+ need --ultra: lowered to 19 with zstd's warning without it; above 22 to 22.
rm -f small.zst
zp -20 small </dev/null
ok "-20 without --ultra warns it is reduced to 19" grep -q 'needs --ultra.*reduced to 19' err
expect_rc 0 "-20 reduced to 19"
ok "-20 without --ultra is level 19" cmp -s small.zst small-19.zst
zp -c --ultra -20 small </dev/null
ok "--ultra -20 does not warn" bash -c '! grep -q "reduced" err'
zp -c --ultra -30 small </dev/null
ok "--ultra -30 warns it is reduced to 22" grep -q 'reduced to 22' err
ok "--ultra -30 is level 22" cmp -s out small-22.zst
zp -q -c --fast=999999 text </dev/null
expect_rc 0 "--fast beyond the fastest level is lowered to it (as zstd)"
roundtrip out text.orig "--fast=999999"
zp -c --fast=0 text </dev/null
expect_failure "--fast=0 is refused" "--fast"
zp -c --fast=x text </dev/null
expect_failure "--fast=x is refused" "--fast"
expect_no_temp_files . "after failures"

# Permissions and timestamp of the input carry over to FILE.zst (as zstd).
cp text perm
chmod 640 perm
touch -d '2001-02-03 04:05:06' perm
zp -q perm </dev/null
ok "FILE.zst has the input's permissions" test "$(stat -c %a perm.zst)" = 640
ok "FILE.zst has the input's modification time" test "$(stat -c %Y perm.zst)" = "$(stat -c %Y perm)"

# Terminals: compressed data is not written to one implicitly nor read from one
# without -f (zstd's rules; -c asks for stdout explicitly). Needs `script` for a pty.
if command -v script >/dev/null 2>&1 && script -qc true /dev/null >/dev/null 2>&1 </dev/null; then
  script -qc "'$ZSTDPP' <text; echo rc=\$?" /dev/null </dev/null >tty.out 2>&1
  ok "stdin to a terminal stdout is refused" grep -q 'stdout is a console' tty.out
  ok "... with status 1" grep -q 'rc=1' tty.out
  script -qc "'$ZSTDPP' -c >tty.zst; echo rc=\$?" /dev/null </dev/null >tty.out 2>&1
  ok "reading from a terminal stdin is refused" grep -q 'stdin: is a console' tty.out
  script -qc "'$ZSTDPP' -q -f <text | wc -c; echo rc=\$?" /dev/null </dev/null >tty.out 2>&1
  ok "-f with stdout not a terminal works" grep -q 'rc=0' tty.out
else
  echo "note: no working 'script' command: terminal checks skipped"
fi

# Killed mid-way: no output, no temporary file. A FIFO input that never ends keeps
# zstdpp busy until the signal.
mkfifo slow
{ cat text; exec sleep 5; } >slow 2>/dev/null &
writer=$!
"$ZSTDPP" -q slow </dev/null 2>err &
pid=$!
sleep 0.5
ok "the output is being written to a temporary file" \
  bash -c 'test -n "$(find . -maxdepth 1 -name ".slow.zst.zstdpp-*")"'
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
expect_absent slow.zst "no output after SIGTERM"
expect_no_temp_files . "after SIGTERM"

finish
