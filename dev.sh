#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The two commands of the README, on a fresh Debian 12 machine (as root, or a user with sudo):
#   ./dev.sh run    install what is needed, build, and open Rights Desk on a demo database
#   ./dev.sh test   install what is needed, build, and run every test (then the benchmarks)
set -euo pipefail

cd "$(dirname "$0")"
BUILD=${RIGHTSDESK_BUILD_DIR:-_build}

# Everything the build, the tests and the test servers need, from Debian 12's own archive.
PACKAGES=(
  build-essential meson ninja-build pkg-config gettext python3
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsqlite3-dev libpoppler-glib-dev libcairo2-dev libpango1.0-dev
  libgmime-3.0-dev libsecret-1-dev libgnutls28-dev libgdk-pixbuf-2.0-dev
  heif-gdk-pixbuf webp-pixbuf-loader libheif-examples qpdf
  libarchive-dev libxml2-dev libxml2-utils unzip
  desktop-file-utils appstream
  xvfb xauth dbus dbus-x11 at-spi2-core poppler-utils imagemagick curl libxtst-dev
  gnome-keyring libsecret-tools
  request-tracker5 rt5-db-sqlite rt5-standalone
)

as_root () {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages () {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
}

build () {
  if [ ! -f "$BUILD/build.ninja" ]; then
    meson setup "$BUILD" --buildtype=debugoptimized
  fi
  ninja -C "$BUILD"
}

summary () {
  # One line for CI: "N passed, N failed", from meson's own record of the run.
  python3 - "$BUILD/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    result = json.loads(line)["result"]
    if result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
}

case "${1:-}" in
  run)
    install_packages
    build
    # Uninstalled, the window finds its settings schema in the build.
    schemas=$(cd "$BUILD/data" && pwd)
    GSETTINGS_SCHEMA_DIR="$schemas${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}" \
      exec "$BUILD/src/gui/rightsdesk" --demo
    ;;
  test)
    install_packages
    build
    status=0
    # The UI tests need a display and a session bus; both live only as long as the run.
    dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
      meson test -C "$BUILD" --print-errorlogs --num-processes 2 || status=$?
    cp "$BUILD/meson-logs/testlog.json" "$BUILD/meson-logs/testlog-tests.json"
    if [ "${RIGHTSDESK_SKIP_BENCHMARKS:-}" != 1 ]; then
      echo "== Benchmarks (figures against the goals; they do not decide the result) =="
      dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
        meson test -C "$BUILD" --benchmark --verbose --num-processes 1 || true
      cp "$BUILD/meson-logs/testlog-tests.json" "$BUILD/meson-logs/testlog.json"
    fi
    summary
    exit $status
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 1
    ;;
esac
