#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`report`, `export` and `case-file` as a user runs them: a database built with `case add` and
`case close`, figures computed by hand, the CLI.md shapes and exit statuses."""

import csv
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import zipfile

CLI = os.environ.get("RIGHTSDESK_CLI", "rightsdesk-cli")


class ReportCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rightsdesk-report-cli-")
        self.db = os.path.join(self.tmp, "cases.db")
        self.env = dict(os.environ, RIGHTSDESK_TODAY="2027-06-30", LC_ALL="C.UTF-8")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def run_cli(self, *args):
        return subprocess.run([CLI, "--db", self.db, *args], env=self.env, capture_output=True,
                              text=True)

    def ok(self, *args):
        p = self.run_cli(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout

    def add(self, client, rtype, received, jurisdiction="us-ca-ccpa"):
        out = self.ok("case", "add", "--client", client, "--type", rtype, "--jurisdiction",
                      jurisdiction, "--received", received, "--subject-name", "Test Person",
                      "--subject-email", "test@example.org", "--json")
        return json.loads(out)["reference"]

    def answered(self, rtype, received, outcome, on, reason=None, client="Acme Retail"):
        ref = self.add(client, rtype, received)
        args = ["case", "close", ref, "--outcome", outcome, "--on", on]
        if reason:
            args += ["--reason", reason]
        self.ok(*args)
        return ref

    def fill(self):
        # know: 12 and 40 days (even: median 26, mean 26); one open, one the year before
        self.answered("access", "2026-01-10", "complied", "2026-01-22")
        self.answered("portability", "2026-02-01", "denied", "2026-03-13",
                      "Identity could not be verified")
        self.add("Acme Retail", "access", "2026-12-31")
        self.answered("access", "2025-12-31", "complied", "2026-01-05")
        # delete: 3, 5 and 30 days (odd: median 5, mean 12.7); the leap day of 2028 is elsewhere
        self.answered("erasure", "2026-03-01", "partial", "2026-03-04")
        self.answered("erasure", "2026-04-01", "complied", "2026-04-06")
        self.answered("erasure", "2026-05-01", "denied", "2026-05-31", "Not made by a consumer")
        # another client's opt-out
        self.answered("opt-out", "2026-06-01", "complied", "2026-06-02", client="Bluegrass Outfitters")

    def test_ccpa_json_csv_pdf(self):
        self.fill()
        out = os.path.join(self.tmp, "ccpa.json")
        self.ok("report", "ccpa", "--year", "2026", "--client", "Acme Retail", "--format", "json",
                "--out", out)
        with open(out) as f:
            doc = json.load(f)
        self.assertEqual(doc["report"], "ccpa-7102")
        self.assertEqual(doc["year"], 2026)
        self.assertEqual(doc["client"], "Acme Retail")
        rows = {r["type"]: r for r in doc["rows"]}
        self.assertEqual([r["type"] for r in doc["rows"]],
                         ["know", "delete", "correct", "opt-out", "limit"])
        self.assertEqual((rows["know"]["received"], rows["know"]["complied"],
                          rows["know"]["denied"]), (3, 1, 1))
        self.assertEqual(rows["know"]["median_days"], 26)
        self.assertEqual(rows["know"]["mean_days"], 26)
        self.assertEqual((rows["delete"]["received"], rows["delete"]["complied"],
                          rows["delete"]["denied"]), (3, 2, 1))
        self.assertEqual(rows["delete"]["median_days"], 5)
        self.assertEqual(rows["delete"]["mean_days"], 12.7)
        self.assertEqual(rows["opt-out"]["received"], 0)
        self.assertIsNone(rows["opt-out"]["median_days"])

        csv_out = os.path.join(self.tmp, "ccpa.csv")
        self.ok("report", "ccpa", "--year", "2026", "--client", "Acme Retail", "--format", "csv",
                "--out", csv_out)
        with open(csv_out, newline="") as f:
            table = list(csv.DictReader(f))
        by_type = {r["type"]: r for r in table}
        self.assertEqual(by_type["delete"]["mean_days"], "12.7")
        self.assertEqual(by_type["know"]["denied_unverifiable"], "1")
        self.assertTrue(os.path.exists(os.path.join(self.tmp, "ccpa-months.csv")))

        pdf = os.path.join(self.tmp, "ccpa.pdf")
        self.ok("report", "ccpa", "--year", "2026", "--client", "Acme Retail", "--format", "pdf",
                "--out", pdf, "--paper", "letter")
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                                  text=True).stdout
            self.assertIn("12.7", text)
            self.assertIn("Requests to delete", text)

        # Without --out, JSON goes to stdout and nothing else does.
        doc2 = json.loads(self.ok("report", "ccpa", "--year", "2026", "--client", "Acme Retail",
                                  "--format", "json"))
        self.assertEqual(doc2["rows"], doc["rows"])

    def test_gdpr(self):
        ref = self.add("Liffey Software Ltd", "access", "2027-01-04", "eu-gdpr")
        self.ok("case", "close", ref, "--outcome", "complied", "--on", "2027-01-20")
        ref = self.add("Liffey Software Ltd", "erasure", "2027-02-01", "eu-gdpr")
        self.ok("case", "close", ref, "--outcome", "denied", "--reason", "Manifestly unfounded",
                "--on", "2027-04-15")
        self.add("Liffey Software Ltd", "access", "2027-06-01", "eu-gdpr")
        doc = json.loads(self.ok("report", "gdpr", "--from", "2027-01-01", "--to", "2027-06-30",
                                 "--client", "Liffey Software Ltd", "--format", "json"))
        self.assertEqual(doc["received"], 3)
        self.assertEqual((doc["on_time"], doc["late"]), (1, 1))
        # 16 days, and 73 (28 in February 2027, 31 in March, 14 in April): (16 + 73) / 2
        self.assertEqual(doc["median_days"], 44.5)
        self.assertEqual(doc["backlog"]["by_age"]["0-30"], 1)
        self.assertEqual(doc["backlog"]["open"], 1)

    def test_errors(self):
        self.fill()
        out = os.path.join(self.tmp, "r.json")
        self.assertEqual(self.run_cli("report", "ccpa", "--format", "json", "--out", out).returncode, 1)
        self.assertEqual(self.run_cli("report", "ccpa", "--year", "2026", "--format", "xls",
                                      "--out", out).returncode, 1)
        self.assertEqual(self.run_cli("report", "nope").returncode, 1)
        p = self.run_cli("report", "gdpr", "--from", "2026-02-30", "--to", "2026-03-01",
                         "--format", "json", "--out", out)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1)
        self.assertEqual(self.run_cli("report", "ccpa", "--year", "2026", "--client", "Nobody",
                                      "--format", "json", "--out", out).returncode, 2)
        missing = os.path.join(self.tmp, "no", "r.pdf")
        self.assertEqual(self.run_cli("report", "ccpa", "--year", "2026", "--format", "pdf",
                                      "--out", missing).returncode, 2)
        self.assertFalse(os.path.exists(missing))
        self.assertFalse(os.path.exists(out))
        self.assertEqual(self.run_cli("export", "RD-1999-000001", "--out",
                                      os.path.join(self.tmp, "x.zip")).returncode, 2)
        self.assertEqual(self.run_cli("case-file", "RD-1999-000001", "--out",
                                      os.path.join(self.tmp, "x.pdf")).returncode, 2)
        self.assertEqual(self.run_cli("export").returncode, 1)
        for command in (["report", "--help"], ["export", "--help"], ["case-file", "--help"]):
            self.assertEqual(self.run_cli(*command).returncode, 0)

    def test_export_and_case_file(self):
        ref = self.answered("access", "2026-01-10", "complied", "2026-01-22")
        erasure = self.answered("erasure", "2026-03-01", "partial", "2026-03-04")
        zip_path = os.path.join(self.tmp, "package.zip")
        records = os.path.join(self.tmp, "records.json")
        with open(records, "w") as f:
            json.dump({"purposes": "Selling you garden furniture",
                       "sources": "You, at the checkout"}, f)
        shown = json.loads(self.ok("client-records", "--client", "Acme Retail", "--set", records))
        self.assertEqual(shown["purposes"], "Selling you garden furniture")
        self.assertIsNone(shown["recipients"])
        p = self.run_cli("export", ref, "--out", zip_path)
        self.assertEqual(p.returncode, 0, p.stderr)
        # The letter still lacks some items: the officer is told which.
        self.assertIn("Categories of third parties", p.stderr)
        result = json.loads(self.ok("export", ref, "--out", zip_path, "--json"))
        with open(zip_path, "rb") as f:
            self.assertEqual(hashlib.sha256(f.read()).hexdigest(), result["sha256"])
        with zipfile.ZipFile(zip_path) as z:
            names = set(z.namelist())
            self.assertIn("cover-letter.pdf", names)
            self.assertIn("data/subject-data.xml", names)
            for line in z.read("SHA256SUMS").decode().splitlines():
                digest, name = line.split("  ", 1)
                self.assertEqual(hashlib.sha256(z.read(name)).hexdigest(), digest)
            subject = json.loads(z.read("data/subject-data.json"))
            self.assertEqual(subject["request"]["reference"], ref)
            letter_pdf = z.read("cover-letter.pdf")
        if shutil.which("pdftotext"):
            p = subprocess.run(["pdftotext", "-", "-"], input=letter_pdf, capture_output=True)
            self.assertIn(b"Selling you garden furniture", p.stdout)
            self.assertIn(b"1798.110", p.stdout)
        if shutil.which("xmllint"):
            with zipfile.ZipFile(zip_path) as z:
                z.extractall(os.path.join(self.tmp, "x"))
            p = subprocess.run(["xmllint", "--noout", "--schema",
                                os.path.join(self.tmp, "x", "data", "subject-data.xsd"),
                                os.path.join(self.tmp, "x", "data", "subject-data.xml")],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
        enc = json.loads(self.ok("export", ref, "--out", zip_path, "--encrypt", "--json"))
        self.assertTrue(enc["encrypted"])
        self.assertEqual(len(enc["passphrase"]), 29)
        # Only access and portability requests have a package.
        self.assertEqual(self.run_cli("export", erasure, "--out", zip_path).returncode, 2)

        pdf = os.path.join(self.tmp, "case.pdf")
        self.ok("case-file", ref, "--out", pdf, "--documents", os.path.join(self.tmp, "c.zip"))
        with open(pdf, "rb") as f:
            self.assertTrue(f.read(5) == b"%PDF-")
        self.assertEqual(self.run_cli("audit", "verify").returncode, 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
