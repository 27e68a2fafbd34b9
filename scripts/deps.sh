#!/usr/bin/env bash
# Installs the Debian packages zstdpp needs, only those missing (apt-get update runs only
# when something has to be installed). Safe to run repeatedly.
#   compiler and build: g++ cmake ninja-build; clang + libclang-rt (fuzzers, sanitizers)
#   tests: googletest libgtest-dev, the zstd CLI (interop), unzip (the benchmark corpus)
#   xxhash header (compiled in: the library has no runtime dependency)
#   benchmarks only: libbenchmark-dev, libzstd-dev (the reference, never linked into zstdpp)
set -eu
packages="g++ cmake ninja-build clang libclang-rt-14-dev googletest libgtest-dev libbenchmark-dev
libxxhash-dev zstd libzstd-dev unzip bc"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "deps: installing:$missing"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
echo "deps: all present"
