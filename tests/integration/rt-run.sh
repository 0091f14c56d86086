#!/bin/sh
# Starts a throw-away Request Tracker 5 (Debian's request-tracker5, rt5-db-sqlite and
# rt5-standalone) on 127.0.0.1 with an SQLite database in a temporary directory, seeds
# tickets for a requester and for others, runs "$@" against it, and stops it.
# Reports a TAP skip when RT is not installed.
set -eu

RT_SERVER=/usr/share/request-tracker5/libexec/rt-server
RT_SETUP=/usr/sbin/rt-setup-database-5
if [ ! -x "$RT_SERVER" ] || [ ! -x "$RT_SETUP" ]; then
  echo "1..0 # SKIP Request Tracker 5 is not installed (apt-get install request-tracker5 rt5-db-sqlite rt5-standalone)"
  exit 0
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/rightsdesk-rt.XXXXXX")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
pid=""

cleanup () {
  if [ -n "$pid" ]; then
    # rt-server was started with setsid: its process group is its own pid.
    kill -TERM "-$pid" 2>/dev/null || true
    for i in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "-$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "-$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

mkdir -p "$dir/site.d"
cat > "$dir/RT_SiteConfig.pm" <<CONF
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$dir/rtdb');
Set(\$rtname, 'rightsdesk.test');
Set(\$Organization, 'rightsdesk.test');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, $port);
Set(\$WebPath, '');
Set(\$WebBaseURL, '$url');
Set(\$LogToSTDERR, 'error');
Set(\$LogToSyslog, undef);
Set(\$LogToFile, undef);
1;
CONF
# Only this directory's configuration, not the system's (/etc/request-tracker5).
export RT_SITE_CONFIG="$dir/RT_SiteConfig.pm"
export RT_SITE_CONFIG_DIR="$dir/site.d"

"$RT_SETUP" --action init --dba-password '' --skip-create > "$dir/init.log" 2>&1 ||
  { cat "$dir/init.log" >&2; exit 1; }

date +%s.%N > "$dir/t0"
setsid "$RT_SERVER" --host 127.0.0.1 --port "$port" > "$dir/server.log" 2>&1 &
pid=$!

auth="root:password"
for i in $(seq 1 120); do
  if curl -sf -u "$auth" "$url/REST/2.0/queues/all" > /dev/null 2>&1; then
    break
  fi
  sleep 0.5
done
curl -sf -u "$auth" "$url/REST/2.0/queues/all" > /dev/null || { cat "$dir/server.log" >&2; exit 1; }

api () {
  curl -sf -u "$auth" -H 'Content-Type: application/json' -X "$1" "$url/REST/2.0/$2" -d "$3"
}
ticket () {
  api POST ticket "{\"Queue\": \"General\", \"Subject\": \"$1\", \"Requestor\": \"$2\", \"Cc\": \"$3\", \"Content\": \"$4\", \"ContentType\": \"text/plain\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}

# The requester, Ann: two tickets with replies, an internal comment and an attachment.
t1=$(ticket "Order 1001 is late" "ann@example.org" "" "Hello, my order 1001 is late. Ann Smyth, 12 Elm Road.")
api POST "ticket/$t1/correspond" '{"Content": "Sorry Ann, it ships tomorrow.", "ContentType": "text/plain", "Attachments": [{"FileName": "label.txt", "FileType": "text/plain", "FileContent": "VHJhY2tpbmcgMTIzNDU="}]}' > /dev/null
api POST "ticket/$t1/comment" '{"Content": "Internal: check the warehouse stock.", "ContentType": "text/plain"}' > /dev/null
t2=$(ticket "Change my address" "ann.work@example.org" "" "Please send invoices to my office.")
api POST "ticket/$t2/correspond" '{"Content": "Done, Ann.", "ContentType": "text/plain"}' > /dev/null
api PUT "user/ann@example.org" '{"RealName": "Ann Smyth", "Organization": "Elm Bakery"}' > /dev/null
# Others: Bob's ticket, and Carol's ticket on which Ann is only in Cc.
t3=$(ticket "Bob wants a refund" "bob@example.org" "" "Bob Other, card ending 4242, wants a refund.")
t4=$(ticket "Carol's complaint" "carol@example.org" "ann@example.org" "Carol Other writes about a neighbour.")

transactions () {
  curl -sf -u "$auth" "$url/REST/2.0/ticket/$1/history?per_page=100" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])'
}

export RT_TEST_URL="$url"
export RT_TEST_USER=root
export RT_TEST_PASSWORD=password
export RT_TEST_ANN_TICKETS="$t1 $t2"
export RT_TEST_ANN_TRANSACTIONS="$(transactions "$t1") $(transactions "$t2")"
export RT_TEST_OTHER_TICKETS="$t3 $t4"

"$@"
