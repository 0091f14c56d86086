#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A process killed with SIGKILL in the middle of `demo` or an import leaves a database that
passes PRAGMA integrity_check and holds exactly the transactions that committed."""

import os
import signal
import sqlite3
import subprocess
import tempfile
import time
import unittest

CLI = os.environ.get("RIGHTSDESK_CLI", "rightsdesk-cli")
DEMO_BATCH = 20000   # rd-demo.c commits this many cases at a time


class Crash(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="rightsdesk-crash-")
        self.db = os.path.join(self.tmp.name, "cases.db")
        self.env = dict(os.environ, RIGHTSDESK_TODAY="2027-06-30")

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, *args):
        return subprocess.run([CLI, "--db", self.db, *args], capture_output=True, text=True,
                              env=self.env, timeout=300)

    def count(self, sql):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()

    def kill_when(self, args, ready, timeout=120):
        proc = subprocess.Popen([CLI, "--db", self.db, *args], env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while not ready() and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        self.assertEqual(proc.returncode, -signal.SIGKILL, "the process ended before it was killed")

    def committed_cases(self):
        try:
            return self.count("SELECT count(*) FROM cases")
        except sqlite3.Error:
            return 0

    def check_consistent(self):
        con = sqlite3.connect(self.db)
        try:
            self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        finally:
            con.close()
        # Opening through the application restores what a bulk load had dropped.
        self.assertEqual(self.cli("audit", "verify").returncode, 0)
        cases = self.count("SELECT count(*) FROM cases")
        self.assertEqual(self.count("SELECT count(*) FROM case_search"), cases)
        self.assertEqual(self.count("SELECT coalesce(sum(last), 0) FROM sequences"), cases)
        self.assertEqual(self.count("SELECT count(*) FROM sqlite_schema WHERE name = 'cases_open_due'"), 1)
        return cases

    def test_kill_during_demo(self):
        self.kill_when(["demo", "--cases", "400000"],
                       lambda: self.committed_cases() >= 2 * DEMO_BATCH)
        cases = self.check_consistent()
        self.assertGreaterEqual(cases, 2 * DEMO_BATCH)
        self.assertLess(cases, 400000)
        # Whole batches only: nothing of the batch that was being written.
        self.assertEqual(cases % DEMO_BATCH, 0)
        p = self.cli("case", "list", "--overdue", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_kill_during_import(self):
        self.assertEqual(self.cli("demo", "--cases", "100").returncode, 0)
        before = self.count("SELECT count(*) FROM cases")
        csv = os.path.join(self.tmp.name, "big.csv")
        with open(csv, "w") as f:
            f.write("client,type,jurisdiction,received,subject_name,subject_email\n")
            for i in range(300000):
                f.write(f"Acme,access,eu-gdpr,2027-03-{1 + i % 28:02d},Person {i},p{i}@example.org\n")
        wal = self.db + "-wal"
        start = os.path.getsize(wal) if os.path.exists(wal) else 0
        # Kill it once it is writing: its log grows.
        self.kill_when(["import", csv],
                       lambda: os.path.exists(wal) and os.path.getsize(wal) > start + 8 * 1024 * 1024)
        self.assertEqual(self.check_consistent(), before)


if __name__ == "__main__":
    unittest.main(verbosity=2)
