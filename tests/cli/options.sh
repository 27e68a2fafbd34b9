#!/usr/bin/env bash
# zstdpp's option spelling, which follows the zstd CLI: help and version, clustered short
# options, long options, "--", the last of -c/-o winning, size suffixes of --memory/-M.
# Usage: bash options.sh PATH_TO_zstdpp
source "$(dirname "$0")/common.bash" "$@"

make_text 70000 text
zstd -q text
mv text text.orig

# Help and version go to stdout and succeed.
for opt in -h -H --help; do
  zp "$opt" </dev/null
  expect_rc 0 "$opt"
  ok "$opt prints a usage" grep -q 'Usage:' out
done
zp -H </dev/null
for spelled in -d, -c, '-o OUTPUT' '-D DICT' -t, -l, -f, -q, -k, --rm -v, -V, --memory= --no-check; do
  ok "-H mentions $spelled" grep -qF -- "$spelled" out
done
zp -V </dev/null
expect_rc 0 "-V"
ok "-V names the program" grep -q 'zstdpp' out
zp --version </dev/null
expect_rc 0 "--version"
zp -qV </dev/null
ok "-qV prints only a version number" grep -qE '^[0-9]+\.[0-9]+\.[0-9]+' out

# Clusters and long spellings decode alike.
for args in "-dc text.zst" "-cd text.zst" "-d -c text.zst" "--decompress --stdout text.zst" \
            "--uncompress -c text.zst" "-dcf text.zst" "-dcqk text.zst" "-d -c -- text.zst"; do
  # shellcheck disable=SC2086
  zp $args </dev/null
  expect_rc 0 "zstdpp $args"
  expect_same out text.orig "zstdpp $args"
done

# "--" makes a following "-name" a file.
cp text.zst ./-dash.zst
zp -d -c -- -dash.zst </dev/null
expect_rc 0 "-- then a file starting with -"
expect_same out text.orig "-- then a file starting with -"

# -c and -o: the last one given decides.
rm -f o1 text
zp -d -o o1 -c text.zst </dev/null
expect_same out text.orig "-o then -c writes stdout"
expect_absent o1 "-o then -c creates no file"
zp -d -c -o o1 text.zst </dev/null
expect_same o1 text.orig "-c then -o writes the file"
ok "-c then -o leaves stdout empty" test ! -s out
zp -d -o - text.zst </dev/null
expect_same out text.orig "-o - is stdout"

# -o takes the next argument, so it must end its cluster (as in zstd).
zp -do o2 text.zst </dev/null
expect_rc 0 "-do FILE"
expect_same o2 text.orig "-do FILE"
zp -doX text.zst </dev/null
expect_failure "-o in the middle of a cluster" "-o"

# Size suffixes: --memory=N[K|KB|KiB|M|MB|MiB], -MN.
for value in 1048576 1024K 1024KB 1024KiB 1M 1MB 1MiB 1Mi; do
  zp -dc --memory=$value text.zst </dev/null
  expect_rc 0 "--memory=$value"
  zp -dc -M$value text.zst </dev/null
  expect_rc 0 "-M$value"
done
for value in '' 0 1X 12MBx -5 99999999999999999999; do
  zp -dc "--memory=$value" text.zst </dev/null
  expect_failure "--memory='$value' is refused" "--memory"
done
zp -dc -M text.zst </dev/null
expect_failure "-M without a value" "-M"

# Operation modes: the last one wins, -d does not undo -t or -l.
zp -d -l text.zst </dev/null
expect_rc 0 "-d -l lists"
ok "-d -l prints the list table" grep -q 'Frames' out
zp -l -d text.zst </dev/null
ok "-l -d still lists" grep -q 'Frames' out
zp -d -z -c text.orig </dev/null
expect_rc 0 "-d -z compresses"
ok "-d -z writes a frame" bash -c 'zstd -dc out | cmp -s - text.orig'
zp -d --compress -c text.orig </dev/null
ok "-d --compress writes a frame" bash -c 'zstd -dc out | cmp -s - text.orig'
zp -z -d -c text.zst </dev/null
expect_rc 0 "-z -d decompresses"

# Options of the other direction are accepted and ignored, as in zstd.
zp -d -c -19 --ultra text.zst </dev/null
expect_rc 0 "levels and --ultra are accepted with -d"
zp -d -c --fast=3 text.zst </dev/null
expect_rc 0 "--fast=N is accepted with -d"
zp -d -c --no-content-size --content-size --no-dictID -C text.zst </dev/null
expect_rc 0 "frame flag options are accepted with -d"
zp -c -M1MB --memory=1MB text.orig </dev/null
expect_rc 0 "--memory is accepted when compressing"

# Compression spelling: levels in clusters, the last level wins (--fast too).
for args in "-c -1" "-1c" "-qc1" "-c --fast" "-c --fast=4" "-c -19 --fast=2" "-c --fast=2 -2" "-zc3" "-c -0"; do
  # shellcheck disable=SC2086
  zp $args text.orig </dev/null
  expect_rc 0 "zstdpp $args"
  ok "zstdpp $args round-trips" bash -c 'zstd -dc out | cmp -s - text.orig'
done
zp -c --fast=2 text.orig </dev/null
cp out fast2.zst
zp -c -19 --fast=2 text.orig </dev/null
expect_same out fast2.zst "--fast=2 after -19 is level -2"

finish
