#!/bin/sh
# Fails when a message users can see has no German or French translation (or only a fuzzy
# one): the template is made afresh from POTFILES.in, as the rightsdesk-pot target does, and
# merged into a copy of each translation, so a string added without its translations is found.
#
# Usage: check-translations.sh SOURCE_ROOT
set -eu
export LC_ALL=C

root=${1:-$(dirname "$0")/..}
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -v -e '^#' -e '^[[:space:]]*$' po/POTFILES.in > "$tmp/files"
xgettext --package-name=rightsdesk --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --files-from="$tmp/files" --output="$tmp/rightsdesk.pot"

status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "po/$lang.po" \
    "$tmp/rightsdesk.pot"
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry (msgid "") with any non-empty result.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
    echo "not ok: $lang: $untranslated untranslated and $fuzzy fuzzy messages, for example:"
    msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep '^msgid ' | sed 1d | head -n 5 || true
    status=1
  else
    echo "ok: $lang: every message translated"
  fi
done
exit $status
