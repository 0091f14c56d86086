#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""CLI.md "Client systems": connector add/test/list/remove, collect and execute, end to end.

The client system is a small Zendesk Support API v2 fake (users, requested tickets, comments,
next_page pagination, Basic auth with "{user}/token"), driven through the shipped manifest
data/connectors/zendesk.json. Run through keyring-run.sh: secrets go to a real gnome-keyring.
"""

import base64
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CLI = os.environ.get("RIGHTSDESK_CLI", "rightsdesk-cli")
SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANIFEST = os.path.join(SOURCE, "data", "connectors", "zendesk.json")
USER = "agent@acme.test"
SECRET = "zd-token-5f1c9a"


def initial_state():
    return {
        "users": {
            1: {"id": 1, "name": "Ann Smyth", "email": "ann@example.org", "phone": "+44 20 7946 0001"},
            2: {"id": 2, "name": "Ann Smyth", "email": "ann.work@example.org", "phone": None},
            3: {"id": 3, "name": "Bob Other", "email": "bob@example.org", "phone": None},
        },
        "tickets": {
            10: {"id": 10, "requester_id": 1, "subject": "Order 1001 is late"},
            11: {"id": 11, "requester_id": 1, "subject": "Change my address"},
            12: {"id": 12, "requester_id": 3, "subject": "Bob wants a refund"},
        },
        "comments": {
            10: [{"id": 100, "body": "Hello, my order 1001 is late."},
                 {"id": 101, "body": "Sorry Ann, it ships tomorrow."}],
            11: [{"id": 110, "body": "Please send invoices to my office."}],
            12: [{"id": 120, "body": "Bob Other, card ending 4242, wants a refund."}],
        },
    }


class FakeZendesk:
    """Follows the shapes of the Zendesk API reference for the endpoints the manifest uses."""

    def __init__(self, broken=None):
        self.state = initial_state()
        self.broken = broken          # None, "500" (every request fails), "second-put"
        self.puts = 0
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def reply(self, status, body=None):
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                if body is not None:
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def authorised(self):
                expected = "Basic " + base64.b64encode(f"{USER}/token:{SECRET}".encode()).decode()
                return self.headers.get("Authorization") == expected

            def handle_any(self, method):
                url = urlsplit(self.path)
                query = parse_qs(url.query)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null") if length else None
                fake.requests.append((method, self.path))
                if fake.broken == "500":
                    return self.reply(500, {"error": "InternalError"})
                if not self.authorised():
                    return self.reply(401, {"error": "Couldn't authenticate you"})
                s = fake.state
                page = int(query.get("page", ["1"])[0])
                base = f"http://127.0.0.1:{fake.port}"
                if method == "GET" and url.path == "/api/v2/users/me.json":
                    return self.reply(200, {"user": {"id": 99, "name": "Agent"}})
                if method == "GET" and url.path == "/api/v2/users/search.json":
                    q = query.get("query", [""])[0]
                    email = q[len("email:"):] if q.startswith("email:") else None
                    found = [u for u in s["users"].values() if u["email"] == email]
                    return self.reply(200, {"users": found, "next_page": None, "count": len(found)})
                m = re.fullmatch(r"/api/v2/users/(\d+)/tickets/requested.json", url.path)
                if method == "GET" and m:
                    uid = int(m.group(1))
                    found = [t for t in s["tickets"].values() if t["requester_id"] == uid]
                    return self.reply(200, {"tickets": found, "next_page": None})
                m = re.fullmatch(r"/api/v2/tickets/(\d+)/comments.json", url.path)
                if method == "GET" and m:
                    # One comment a page, so that next_page is followed.
                    comments = s["comments"].get(int(m.group(1)), [])
                    chunk = comments[page - 1:page]
                    nxt = f"{base}{url.path}?page={page + 1}" if page < len(comments) else None
                    return self.reply(200, {"comments": chunk, "next_page": nxt})
                m = re.fullmatch(r"/api/v2/users/(\d+).json", url.path)
                if m:
                    uid = int(m.group(1))
                    if uid not in s["users"]:
                        return self.reply(404, {"error": "RecordNotFound"})
                    if method == "GET":
                        return self.reply(200, {"user": s["users"][uid]})
                    if method == "PUT":
                        fake.puts += 1
                        if fake.broken == "second-put" and fake.puts == 2:
                            return self.reply(422, {"error": "RecordInvalid"})
                        s["users"][uid].update((body or {}).get("user", {}))
                        return self.reply(200, {"user": s["users"][uid]})
                    if method == "DELETE":
                        del s["users"][uid]
                        return self.reply(204)
                m = re.fullmatch(r"/api/v2/tickets/(\d+).json", url.path)
                if method == "DELETE" and m and int(m.group(1)) in s["tickets"]:
                    del s["tickets"][int(m.group(1))]
                    s["comments"].pop(int(m.group(1)), None)
                    return self.reply(204)
                return self.reply(404, {"error": "InvalidEndpoint"})

            def do_GET(self):
                self.handle_any("GET")

            def do_PUT(self):
                self.handle_any("PUT")

            def do_DELETE(self):
                self.handle_any("DELETE")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@unittest.skipUnless(os.environ.get("RIGHTSDESK_TEST_KEYRING"), "run through keyring-run.sh")
class ConnectorCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="rightsdesk-connector-")
        self.db = os.path.join(self.tmp.name, "cases.db")
        self.env = dict(os.environ, RIGHTSDESK_TODAY="2027-06-30", LC_ALL="C.UTF-8",
                        RIGHTSDESK_SECRET=SECRET)
        self.zd = FakeZendesk()
        self.addCleanup(self.zd.close)
        self.addCleanup(self.tmp.cleanup)

    def run_cli(self, *args, env=None):
        # A session of its own: no controlling terminal, as in CI.
        return subprocess.run([CLI, "--db", self.db] + list(args), capture_output=True, text=True,
                              env=env or self.env, timeout=120, stdin=subprocess.DEVNULL,
                              start_new_session=True)

    def ok(self, *args, env=None):
        p = self.run_cli(*args, env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout

    def json(self, *args):
        return json.loads(self.ok(*args))

    def assert_fails(self, p, status, *words):
        self.assertEqual(p.returncode, status, p.stdout + p.stderr)
        lines = p.stderr.strip().split("\n")
        self.assertEqual(len(lines), 1, p.stderr)
        for w in words:
            self.assertIn(w, lines[0])

    def add_connector(self, name="zd", url=None, client="Acme Retail"):
        return self.ok("connector", "add", "--client", client, "--name", name, "--kind", "http",
                       "--url", url or self.zd.url, "--manifest", MANIFEST, "--user", USER)

    def add_case(self, typ="access", client="Acme Retail"):
        return self.ok("case", "add", "--client", client, "--type", typ, "--jurisdiction",
                       "eu-gdpr", "--received", "2027-06-01", "--subject-name", "Ann Smyth",
                       "--subject-email", "ann@example.org", "--subject-email",
                       "ann.work@example.org").strip()

    def keyring(self, name, client="Acme Retail"):
        p = subprocess.run(["secret-tool", "lookup", "client", client, "connector", name],
                           capture_output=True, text=True)
        return p.stdout if p.returncode == 0 else None

    def timeline(self, ref):
        return [e["action"] for e in self.json("case", "show", ref, "--json")["timeline"]]

    # -- connector add / test / list / remove ---------------------------------------------

    def test_add_keeps_the_secret_in_the_keyring_only(self):
        self.add_connector()
        if shutil.which("secret-tool"):
            self.assertEqual(self.keyring("zd"), SECRET)
        listed = self.json("connector", "list", "--json")
        self.assertEqual(len(listed), 1)
        self.assertEqual(listed[0]["name"], "zd")
        self.assertEqual(listed[0]["kind"], "http")
        self.assertEqual(listed[0]["client"], "Acme Retail")
        self.assertNotIn(SECRET, json.dumps(listed))
        # Not in the database file, its log, nor anywhere in the data directory.
        for root, _, files in os.walk(self.tmp.name):
            for f in files:
                with open(os.path.join(root, f), "rb") as fh:
                    self.assertNotIn(SECRET.encode(), fh.read(), f)

    def test_test_says_whether_the_connection_works(self):
        self.add_connector()
        self.assertIn("works", self.ok("connector", "test", "zd"))
        self.assertTrue(self.json("connector", "list", "--json")[0]["last_result"]["ok"])
        # The same system with a wrong token: exit 2 with the reason on one line.
        self.ok("connector", "add", "--client", "Acme Retail", "--name", "wrong", "--kind",
                "http", "--url", self.zd.url, "--manifest", MANIFEST, "--user", USER,
                env=dict(self.env, RIGHTSDESK_SECRET="not-the-token"))
        self.assert_fails(self.run_cli("connector", "test", "wrong"), 2, "401")
        last = {c["name"]: c["last_result"] for c in self.json("connector", "list", "--json")}
        self.assertFalse(last["wrong"]["ok"])
        self.assert_fails(self.run_cli("connector", "test", "nothing-by-that-name"), 2)

    def test_add_rejects_bad_input(self):
        p = self.run_cli("connector", "add", "--client", "A", "--name", "x", "--kind", "ftp",
                         "--url", self.zd.url)
        self.assertEqual(p.returncode, 1, p.stderr)
        p = self.run_cli("connector", "add", "--client", "A", "--name", "x", "--kind", "http",
                         "--url", self.zd.url)
        self.assert_fails(p, 2, "manifest")
        p = self.run_cli("connector", "add", "--client", "A", "--name", "x", "--kind",
                         "request-tracker", "--url", "not a url")
        self.assert_fails(p, 2)
        broken = os.path.join(self.tmp.name, "broken.json")
        with open(broken, "w") as f:
            f.write('{"manifest_version": 1, "id": "x", "collections": [')
        p = self.run_cli("connector", "add", "--client", "A", "--name", "x", "--kind", "http",
                         "--url", self.zd.url, "--manifest", broken)
        self.assert_fails(p, 2)
        # No RIGHTSDESK_SECRET and no terminal to ask on.
        env = {k: v for k, v in self.env.items() if k != "RIGHTSDESK_SECRET"}
        p = self.run_cli("connector", "add", "--client", "A", "--name", "x", "--kind",
                         "request-tracker", "--url", self.zd.url, env=env)
        self.assert_fails(p, 2, "RIGHTSDESK_SECRET")
        self.assertEqual(self.json("connector", "list", "--json"), [])

    def test_remove_forgets_the_secret(self):
        self.add_connector()
        self.ok("connector", "remove", "zd")
        self.assertEqual(self.json("connector", "list", "--json"), [])
        if shutil.which("secret-tool"):
            self.assertIsNone(self.keyring("zd"))
        self.assert_fails(self.run_cli("connector", "remove", "zd"), 2, "zd")

    # -- collect ----------------------------------------------------------------------------

    def test_collect_fetches_the_requesters_records_and_nothing_else(self):
        self.add_connector()
        ref = self.add_case()
        out = self.json("collect", ref, "--json")
        # Ann: users 1 and 2 (one per address), tickets 10 and 11 of user 1, and their three
        # comments (one a page: next_page followed) = 7 records; Zendesk has no transcripts.
        self.assertEqual(out, {"systems": [{"connector": "zd", "status": "ok", "records": 7,
                                            "transcripts": 0, "error": None}]})
        docs = self.json("case", "documents", ref, "--json")
        self.assertEqual(len(docs), 7)
        self.assertEqual({d["kind"] for d in docs}, {"record"})
        self.assertEqual({d["source"] for d in docs}, {"zd"})
        texts = [self.ok("case", "document-text", ref, str(d["id"])) for d in docs]
        everything = "\n".join(texts)
        for needle in ("ann@example.org", "ann.work@example.org", "Order 1001 is late",
                       "it ships tomorrow", "send invoices to my office"):
            self.assertIn(needle, everything)
        for needle in ("bob@example.org", "Bob wants a refund", "card ending 4242"):
            self.assertNotIn(needle, everything)
        self.assertIn("connector.collected", self.timeline(ref))
        self.ok("audit", "verify")

    def test_a_failing_system_keeps_nothing_and_the_others_keep_theirs(self):
        broken = FakeZendesk(broken="500")
        self.addCleanup(broken.close)
        self.add_connector("zd")
        self.add_connector("down", url=broken.url)
        ref = self.add_case()
        p = self.run_cli("collect", ref, "--json")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertEqual(len(p.stderr.strip().split("\n")), 1, p.stderr)
        self.assertIn("down", p.stderr)
        systems = {s["connector"]: s for s in json.loads(p.stdout)["systems"]}
        self.assertEqual(systems["zd"]["status"], "ok")
        self.assertEqual(systems["zd"]["records"], 7)
        self.assertEqual(systems["down"]["status"], "failed")
        self.assertEqual(systems["down"]["records"], 0)
        self.assertIn("500", systems["down"]["error"])
        # Retried before giving up (4 attempts by default) and nothing of it in the case.
        self.assertGreaterEqual(len(broken.requests), 2)
        docs = self.json("case", "documents", ref, "--json")
        self.assertEqual({d["source"] for d in docs}, {"zd"})
        timeline = self.timeline(ref)
        self.assertIn("connector.collected", timeline)
        self.assertIn("connector.collect-failed", timeline)
        last = {c["name"]: c["last_result"] for c in self.json("connector", "list", "--json")}
        self.assertTrue(last["zd"]["ok"])
        self.assertFalse(last["down"]["ok"])
        self.assertIn("500", last["down"]["message"])

    def test_collect_rejects_bad_input(self):
        self.assert_fails(self.run_cli("collect", "RD-2027-999999"), 2)
        ref = self.add_case()
        self.assert_fails(self.run_cli("collect", ref), 2, "Acme Retail")   # no connections
        self.add_connector(name="other", client="Other Ltd")
        self.assert_fails(self.run_cli("collect", ref, "--connector", "other"), 2, "other")
        self.assertEqual(self.run_cli("collect").returncode, 1)

    # -- execute ----------------------------------------------------------------------------

    def test_erasure_shows_the_plan_then_deletes_with_evidence(self):
        self.add_connector()
        ref = self.add_case("erasure")
        plan = self.json("execute", ref, "--json")
        self.assertFalse(plan["carried_out"])
        ops = plan["systems"][0]["operations"]
        # Children before parents: Ann's two tickets, then her two users.
        self.assertEqual([(o["action"], o["collection"], o["id"]) for o in ops],
                         [("delete", "tickets", "10"), ("delete", "tickets", "11"),
                          ("delete", "users", "1"), ("delete", "users", "2")])
        self.assertEqual(len(self.zd.state["users"]), 3, "showing the plan changed nothing")

        done = self.json("execute", ref, "--yes", "--json")
        self.assertTrue(done["carried_out"])
        system = done["systems"][0]
        self.assertEqual(system["status"], "ok")
        deletes = [e for e in system["evidence"] if e["request"].startswith("DELETE ")]
        self.assertEqual(len(deletes), 4)
        for e in deletes:
            self.assertEqual(e["status"], 204)
            self.assertRegex(e["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
        self.assertEqual(sorted(self.zd.state["users"]), [3])
        self.assertEqual(sorted(self.zd.state["tickets"]), [12])
        # The evidence is in the case and in the audit trail.
        kinds = [d["kind"] for d in self.json("case", "documents", ref, "--json")]
        self.assertIn("evidence", kinds)
        self.assertIn("connector.executed", self.timeline(ref))
        self.ok("audit", "verify")

    def test_rectification_keeps_before_and_after_and_rolls_back(self):
        self.add_connector()
        ref = self.add_case("rectification")
        p = self.run_cli("execute", ref, "--yes")
        self.assert_fails(p, 2, "corrected values")
        done = self.json("execute", ref, "--yes", "--json", "--set", "name=Ann Smith")
        ops = done["systems"][0]["operations"]
        self.assertEqual(len(ops), 2)
        for o in ops:
            self.assertEqual(o["before"], {"name": "Ann Smyth"})
            self.assertEqual(o["after"], {"name": "Ann Smith"})
            self.assertTrue(o["done"])
        self.assertEqual(self.zd.state["users"][1]["name"], "Ann Smith")
        self.assertEqual(self.zd.state["users"][2]["name"], "Ann Smith")
        self.assertEqual(self.zd.state["users"][3]["name"], "Bob Other")

        back = self.json("execute", ref, "--rollback", "--yes", "--json")
        self.assertEqual(back["systems"][0]["status"], "ok")
        self.assertEqual(self.zd.state["users"][1]["name"], "Ann Smyth")
        self.assertEqual(self.zd.state["users"][2]["name"], "Ann Smyth")
        self.assertIn("connector.rolled-back", self.timeline(ref))
        # Nothing left to roll back.
        self.assert_fails(self.run_cli("execute", ref, "--rollback", "--yes"), 2)

    def test_a_failed_write_undoes_the_writes_before_it(self):
        self.zd.broken = "second-put"
        self.add_connector()
        ref = self.add_case("rectification")
        p = self.run_cli("execute", ref, "--yes", "--json", "--set", "name=Ann Smith")
        self.assertEqual(p.returncode, 2, p.stderr)
        system = json.loads(p.stdout)["systems"][0]
        self.assertEqual(system["status"], "failed")
        self.assertTrue(system["rolled_back"])
        self.assertIn("422", system["error"])
        # Nothing half-applied: the first user is back to what it was.
        self.assertEqual(self.zd.state["users"][1]["name"], "Ann Smyth")
        self.assertEqual(self.zd.state["users"][2]["name"], "Ann Smyth")
        self.assertIn("connector.executed", self.timeline(ref))

    def test_execute_refuses_an_access_case_and_asks_without_a_terminal(self):
        self.add_connector()
        ref = self.add_case("access")
        self.assert_fails(self.run_cli("execute", ref, "--yes"), 2, "access")
        ref = self.add_case("erasure")
        p = self.run_cli("execute", ref)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("delete", p.stdout)
        self.assertEqual(len(self.zd.state["users"]), 3)


if __name__ == "__main__":
    unittest.main(verbosity=2)
