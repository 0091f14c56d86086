#!/bin/bash
# Rewrites po/POTFILES.in from the tracked files that hold translatable strings.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "# Files with translatable strings, sorted. po/check-potfiles.sh fails when one is missing."
  {
    git ls-files data | grep -E '\.(desktop\.in\.in|metainfo\.xml\.in\.in|gschema\.xml)$'
    git ls-files src | grep -E '\.(c|h)$' | xargs grep -lE '\b(N?C?_)\(' || true
    git ls-files src | grep '\.ui$' | xargs grep -l 'translatable="yes"' || true
  } | LC_ALL=C sort -u
} > po/POTFILES.in
