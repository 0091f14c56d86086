#!/bin/sh
# Fails when a source file with translatable strings is missing from POTFILES.in, or when
# POTFILES.in names a file that does not exist: either way translators would not see strings
# that users do.
#
# Usage: check-potfiles.sh [SOURCE_ROOT]
set -eu
export LC_ALL=C

root=${1:-$(dirname "$0")/..}
cd "$root"

potfiles=po/POTFILES.in
if [ ! -f "$potfiles" ]; then
  echo "not ok: $potfiles is missing"
  exit 1
fi

listed=$(mktemp)
found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT

grep -v -e '^#' -e '^[[:space:]]*$' "$potfiles" | sort -u > "$listed"

# C sources mark strings with _(), N_(), C_() or NC_(); .ui files with translatable="yes".
# Desktop, metainfo and schema files are translatable by nature.
{
  find src \( -name '*.c' -o -name '*.h' \) -print | xargs -r grep -l -E '(^|[^A-Za-z0-9_])N?C?_\(' || true
  find src -name '*.ui' -print | xargs -r grep -l 'translatable="yes"' || true
  find data -maxdepth 1 \( -name '*.desktop.in.in' -o -name '*.metainfo.xml.in.in' \
       -o -name '*.gschema.xml' \) -print 2>/dev/null || true
} | sed 's|^\./||' | sort -u > "$found"

status=0
for f in $(comm -23 "$found" "$listed"); do
  echo "not ok: $f has translatable strings but is not listed in $potfiles"
  status=1
done
for f in $(cat "$listed"); do
  if [ ! -f "$f" ]; then
    echo "not ok: $potfiles lists $f, which does not exist"
    status=1
  fi
done
if ! grep -v -e '^#' -e '^[[:space:]]*$' "$potfiles" | sort -c 2>/dev/null; then
  echo "not ok: $potfiles is not sorted"
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "ok: $(wc -l < "$found") files with translatable strings, all in $potfiles"
fi
exit "$status"
