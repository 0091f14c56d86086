#!/bin/sh
# Regenerates the message template from every file in POTFILES.in and merges it into each
# translation listed in LINGUAS, then prints what is left to translate.
#
# Usage: po/update-translations.sh [BUILD_DIR]     (default: _build, set up if missing)
#        KEEP_POT=1 po/update-translations.sh       keeps po/rightsdesk.pot for translators
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/_build}
domain=rightsdesk

# Strings in a file that POTFILES.in forgets would silently stay English.
sh "$root/po/check-potfiles.sh" "$root"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$root"
fi
meson compile -C "$build" "$domain-pot"

cd "$root/po"
for lang in $(grep -v '^#' LINGUAS); do
  if [ -f "$lang.po" ]; then
    msgmerge --quiet --update --backup=none --previous "$lang.po" "$domain.pot"
  else
    msginit --no-translator --locale="$lang" --input="$domain.pot" --output-file="$lang.po"
  fi
  printf '%s: ' "$lang"
  msgfmt --check --statistics --output-file=/dev/null "$lang.po"
done

if [ "${KEEP_POT:-0}" != 1 ]; then
  rm -f "$domain.pot"
fi
echo "Translate the fuzzy and untranslated messages above, then run: meson test -C $build --suite data"
