#!/usr/bin/env bash
# Fails when an engine header includes a layer above it (ARCHITECTURE.md): nothing under
# src/ includes src/api, the encoder and decoder never include each other, and the lower
# layers never include the codec layers.
set -u
root=${1:-.}
cd "$root" || exit 2
bad=0
check() {  # check DIR PATTERN WHY
  local hits
  hits=$(grep -rnE "#include[[:space:]]*[<\"]($2)/" "$1" 2>/dev/null)
  if [ -n "$hits" ]; then
    echo "layering violation ($3):"; echo "$hits"; bad=1
  fi
}
for d in src/common src/entropy src/dict src/encoder src/decoder; do
  [ -d "$d" ] && check "$d" "api" "engine includes src/api"
done
[ -d src/common ] && check src/common "entropy|dict|encoder|decoder" "common includes a layer above it"
[ -d src/entropy ] && check src/entropy "dict|encoder|decoder" "entropy includes a layer above it"
[ -d src/dict/format ] && check src/dict/format "dict/train|encoder|decoder" "dict/format includes a layer above it"
[ -d src/encoder ] && check src/encoder "decoder" "encoder includes decoder"
[ -d src/decoder ] && check src/decoder "encoder|dict/train" "decoder includes encoder or training"
if [ $bad = 0 ]; then echo "layering: ok"; fi
exit $bad
