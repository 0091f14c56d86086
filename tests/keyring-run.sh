#!/bin/sh
# Runs "$@" in a private D-Bus session with gnome-keyring-daemon unlocked by a test
# password, in a temporary home: the developer's own keyring is never touched.
set -eu

if ! command -v dbus-run-session > /dev/null || ! command -v gnome-keyring-daemon > /dev/null; then
  echo "1..0 # SKIP dbus-run-session or gnome-keyring-daemon missing (apt-get install dbus gnome-keyring)"
  exit 0
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/rightsdesk-keyring.XXXXXX")
trap 'rm -rf "$home"' EXIT INT TERM
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run" XDG_CONFIG_HOME="$home/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
export RIGHTSDESK_TEST_KEYRING=1

# Not exec: the shell must stay to run the trap that removes the temporary home.
status=0
dbus-run-session -- sh -c '
  printf "test-password" | gnome-keyring-daemon --unlock --components=secrets > /dev/null
  # The daemon leaves with the session bus when dbus-run-session ends.
  exec "$@"
' keyring "$@" || status=$?
exit "$status"
