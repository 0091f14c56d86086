#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rightsdesk-cli contract of CLI.md: exit statuses, JSON on stdout, one line on stderr."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

CLI = os.environ.get("RIGHTSDESK_CLI", "rightsdesk-cli")


class Cli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="rightsdesk-cli-")
        self.db = os.path.join(self.tmp.name, "cases.db")
        self.env = dict(os.environ, RIGHTSDESK_TODAY="2027-06-30", LC_ALL="C.UTF-8")

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args, db=True):
        argv = [CLI] + (["--db", self.db] if db else []) + list(args)
        return subprocess.run(argv, capture_output=True, text=True, env=self.env, timeout=120)

    def ok(self, *args):
        p = self.run_cli(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout

    def json(self, *args):
        return json.loads(self.ok(*args))

    def add(self, name="Anna Eriksson", received="2027-03-05", jurisdiction="eu-gdpr",
            typ="access", extra=()):
        return self.ok("case", "add", "--client", "Acme Retail", "--type", typ,
                       "--jurisdiction", jurisdiction, "--received", received,
                       "--subject-name", name, *extra).strip()

    def assert_bad_input(self, p, *words):
        self.assertEqual(p.returncode, 2, p.stdout + p.stderr)
        self.assertEqual(p.stdout, "")
        lines = p.stderr.strip().split("\n")
        self.assertEqual(len(lines), 1, p.stderr)
        for w in words:
            self.assertIn(w, lines[0])

    def test_add_prints_the_reference(self):
        ref = self.add(extra=("--subject-email", "anna@example.org", "--channel", "web"))
        self.assertRegex(ref, r"^RD-2027-\d{6}$")

    def test_show_json_has_every_date_and_the_timeline(self):
        ref = self.add()
        self.ok("case", "pause", ref, "--reason", "Asked for ID", "--on", "2027-03-08")
        self.ok("case", "resume", ref, "--on", "2027-03-09")
        case = self.json("case", "show", ref, "--json")
        self.assertEqual(case["reference"], ref)
        self.assertEqual(case["received"], "2027-03-05")
        for key in ("due", "extended_due", "acknowledge_by", "extension_notice_by",
                    "internal_due", "citation", "status", "timeline"):
            self.assertIn(key, case)
        # Two days stopped (8 and 9 March inclusive): 5 April + 2 = 7 April.
        self.assertEqual(case["due"], "2027-04-07")
        actions = [e["action"] for e in case["timeline"]]
        self.assertEqual(actions, ["case.created", "clock.paused", "clock.resumed"])
        self.assertEqual(case["subject"]["name"], "Anna Eriksson")

    def test_list_json_is_one_document(self):
        self.add("Anna Eriksson")
        self.add("Bo Berg", received="2027-06-20")
        cases = self.json("case", "list", "--json")
        self.assertEqual(len(cases), 2)
        overdue = self.json("case", "list", "--overdue", "--json")
        self.assertEqual([c["subject"]["name"] for c in overdue], ["Anna Eriksson"])
        found = self.json("case", "list", "--search", "berg", "--json")
        self.assertEqual([c["subject"]["name"] for c in found], ["Bo Berg"])
        self.assertEqual(self.json("case", "list", "--status", "closed", "--json"), [])

    def test_close_from_any_open_status(self):
        ref = self.add()
        self.ok("case", "close", ref, "--outcome", "denied", "--reason", "Not verifiable",
                "--on", "2027-03-20")
        case = self.json("case", "show", ref, "--json")
        self.assertEqual(case["status"], "closed")
        self.assertEqual(case["outcome"], "denied")
        self.assertEqual(case["response_date"], "2027-03-20")

    def test_case_verify_moves_case_and_clock(self):
        # UK GDPR: the month starts again on the day the evidence arrived (Art. 12(3), ICO):
        # 20 March 2027 + one month = Tuesday 20 April.
        ref = self.add(jurisdiction="uk-gdpr")
        check = self.json("case", "verify", ref, "--method", "id-document", "--outcome",
                          "verified", "--data-point", "name", "--data-point", "birth_date",
                          "--evidence-received", "2027-03-20", "--json")
        self.assertEqual(check["case"], ref)
        self.assertEqual(check["outcome"], "verified")
        self.assertEqual(check["method"], "id-document")
        self.assertEqual(check["data_points"], ["name", "birth_date"])
        case = self.json("case", "show", ref, "--json")
        self.assertEqual(case["status"], "in-progress")
        self.assertEqual(case["due"], "2027-04-20")
        actions = [e["action"] for e in case["timeline"]]
        self.assertIn("identity.checked", actions)

        # Failed: closed as denied, "Identity could not be verified".
        ref = self.add(name="Bo Berg")
        self.ok("case", "verify", ref, "--method", "data-points", "--outcome", "failed",
                "--reason", "No data point matched")
        case = self.json("case", "show", ref, "--json")
        self.assertEqual(case["status"], "closed")
        self.assertEqual(case["outcome"], "denied")

        # Usage errors exit 1, an unknown case 2.
        self.assertEqual(self.run_cli("case", "verify", ref, "--method", "selfie",
                                      "--outcome", "verified").returncode, 1)
        self.assertEqual(self.run_cli("case", "verify", ref, "--method", "id-document").returncode,
                         1)
        self.assert_bad_input(self.run_cli("case", "verify", "RD-2027-999999", "--method",
                                           "id-document", "--outcome", "verified"), "RD-2027-999999")

    def test_bad_input_exits_2_with_one_line(self):
        self.assert_bad_input(self.run_cli("case", "add", "--client", "A", "--type", "access",
                                           "--jurisdiction", "eu-gdpr", "--received",
                                           "2027-02-30", "--subject-name", "X"), "2027-02-30")
        self.assert_bad_input(self.run_cli("case", "add", "--client", "A", "--type", "access",
                                           "--jurisdiction", "nowhere", "--received",
                                           "2027-02-03", "--subject-name", "X"), "nowhere")
        self.assert_bad_input(self.run_cli("case", "add", "--client", "A", "--type", "access",
                                           "--jurisdiction", "eu-gdpr", "--received",
                                           "2027-07-03", "--subject-name", "X"), "future")
        self.assert_bad_input(self.run_cli("case", "show", "RD-2027-424242"), "RD-2027-424242")
        ref = self.add()
        self.assert_bad_input(self.run_cli("case", "pause", ref, "--reason", "x",
                                           "--on", "2027-03-01"), "2027-03-01")

    def test_endless_input_is_refused(self):
        # A device that never ends: refused with a message, and nothing attached.
        ref = self.add()
        self.assert_bad_input(self.run_cli("case", "attach", ref, "/dev/zero", "--kind",
                                           "evidence"), "/dev/zero", "larger than")
        self.assertEqual(self.json("case", "documents", ref, "--json"), [])

    def test_option_value_not_text_is_bad_input(self):
        text = os.path.join(self.tmp.name, "chat.txt")
        with open(text, "w") as f:
            f.write("Agent: Hello Anna, how can I help?\n")
        # "\udcff" is the byte 0xff on the command line: not UTF-8.
        self.assert_bad_input(self.run_cli("pii", "scan", text, "--subject-name", "\udcffnna"),
                              "not valid text")
        self.assertEqual(self.run_cli("pii", "scan", text, "--no-such-option").returncode, 1)

    def test_pause_after_the_deadline_exits_2(self):
        # Received 5 March 2027, due 5 April; today is 30 June: the clock can no longer stop.
        ref = self.add()
        self.assert_bad_input(self.run_cli("case", "pause", ref, "--reason", "Asked for ID"),
                              ref, "2027-04-05")
        self.assert_bad_input(self.run_cli("case", "pause", ref, "--reason", "Asked for ID",
                                           "--on", "2027-04-06"), "2027-04-05", "2027-04-06")
        case = self.json("case", "show", ref, "--json")
        self.assertEqual(case["due"], "2027-04-05")
        self.ok("case", "pause", ref, "--reason", "Asked for ID", "--on", "2027-04-05")

    def test_not_a_database(self):
        with open(self.db, "w") as f:
            f.write("hello")
        self.assert_bad_input(self.run_cli("case", "list"), "not a Rights Desk database")
        with open(self.db) as f:
            self.assertEqual(f.read(), "hello")

    def test_usage_errors_exit_1(self):
        self.assertEqual(self.run_cli("frobnicate").returncode, 1)
        self.assertEqual(self.run_cli("case", "add", "--client", "A").returncode, 1)
        self.assertEqual(self.run_cli("case", "list", "--no-such-option").returncode, 1)

    def test_help_everywhere(self):
        for args in (["--help"], ["case", "--help"], ["case", "add", "--help"],
                     ["case", "list", "--help"], ["demo", "--help"], ["audit", "--help"],
                     ["import", "--help"]):
            p = self.run_cli(*args)
            self.assertEqual(p.returncode, 0, args)
            self.assertIn("Usage", p.stdout)

    def test_audit_verify(self):
        ref = self.add()
        self.ok("case", "close", ref, "--outcome", "complied")
        report = self.json("audit", "verify", "--json")
        self.assertTrue(report["intact"])
        self.assertEqual(report["events"], 2)
        import sqlite3
        con = sqlite3.connect(self.db)
        con.execute("UPDATE audit_events SET details = '{}' WHERE id = 2")
        con.commit()
        con.close()
        p = self.run_cli("audit", "verify", "--json")
        self.assertEqual(p.returncode, 3)
        report = json.loads(p.stdout)
        self.assertFalse(report["intact"])
        self.assertEqual(report["first_broken"], 2)

    def test_purge(self):
        ref = self.add("Zebedee Quillfeather", extra=("--subject-email", "zq@example.org"))
        self.ok("case", "note", ref, "Phoned about the Quillfeather estate")
        doc = os.path.join(self.tmp.name, "passport.txt")
        with open(doc, "w") as f:
            f.write("Passport of Zebedee Vexillographer, number X1234567\n")
        doc_id = self.ok("case", "attach", ref, doc, "--kind", "id-document").strip()
        docs = self.json("case", "documents", ref, "--json")
        self.assertEqual([d["id"] for d in docs], [int(doc_id)])
        self.assertEqual(docs[0]["kind"], "id-document")
        self.assertEqual(len(docs[0]["sha256"]), 64)
        self.assertIn("Vexillographer", self.ok("case", "document-text", ref, doc_id))
        self.ok("case", "purge", ref)
        self.assertEqual(self.json("case", "documents", ref, "--json"), [])
        for name in (self.db, self.db + "-wal"):
            if os.path.exists(name):
                with open(name, "rb") as f:
                    data = f.read()
                self.assertNotIn(b"Quillfeather", data)
                self.assertNotIn(b"quillfeather", data)
                self.assertNotIn(b"zq@example.org", data)
                self.assertNotIn(b"Vexillographer", data)
        case = self.json("case", "show", ref, "--json")
        self.assertTrue(case["purged"])
        self.assertIsNone(case["subject"]["name"])
        self.assertEqual(self.run_cli("audit", "verify").returncode, 0)

    def test_import(self):
        csv = os.path.join(self.tmp.name, "cases.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("client,type,jurisdiction,received,subject_name\n"
                    "Acme,access,eu-gdpr,2027-03-01,Ann\n"
                    "Acme,access,eu-gdpr,2027-13-01,Bad\n")
        self.assert_bad_input(self.run_cli("import", csv), "line 3", "2027-13-01")
        self.assertEqual(self.json("case", "list", "--json"), [])
        report = self.json("import", csv, "--skip-invalid", "--json")
        self.assertEqual(report["imported"], 1)
        self.assertEqual(report["problems"][0]["line"], 3)

    def test_calendar_export(self):
        open_ref = self.add("Quentin Private", extra=("--subject-email", "qp@example.org"))
        closed_ref = self.add("Closed Carla")
        self.ok("case", "close", closed_ref, "--outcome", "complied")
        ics_path = os.path.join(self.tmp.name, "due.ics")
        self.ok("calendar", "export", "--out", ics_path)
        with open(ics_path, newline="") as f:
            ics = f.read()
        self.assertTrue(ics.startswith("BEGIN:VCALENDAR\r\n"))
        self.assertTrue(ics.endswith("END:VCALENDAR\r\n"))
        self.assertEqual(ics.count("BEGIN:VEVENT"), 1)          # open cases only
        unfolded = ics.replace("\r\n ", "")
        self.assertIn(open_ref, unfolded)
        self.assertNotIn(closed_ref, unfolded)
        # EDPB example 32 with the Irish calendar: due 5 April 2027.
        self.assertIn("DTSTART;VALUE=DATE:20270405", unfolded)
        # A calendar is synchronised to phones: no personal data in it.
        self.assertNotIn("Quentin", unfolded)
        self.assertNotIn("qp@example.org", unfolded)
        for line in ics.split("\r\n"):
            self.assertLessEqual(len(line.encode()), 75)

    def test_calendar_import(self):
        ics_path = os.path.join(self.tmp.name, "office.ics")
        with open(ics_path, "w", newline="") as f:
            f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
                    "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20270405\r\n"
                    "SUMMARY:Office closed\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        self.ok("calendar", "import", ics_path, "--id", "acme-office", "--name", "Acme office")
        # The imported calendar drives deadlines: 5 April 2027 is now a holiday.
        ref = self.ok("case", "add", "--client", "Acme", "--type", "access", "--jurisdiction",
                      "eu-gdpr", "--calendar", "acme-office", "--received", "2027-03-05",
                      "--subject-name", "X").strip()
        self.assertEqual(self.json("case", "show", ref, "--json")["due"], "2027-04-06")
        # `deadline` and `calendars` know it too, as `case add` does.
        self.assertEqual(self.json("deadline", "--jurisdiction", "eu-gdpr", "--received",
                                   "2027-03-05", "--calendar", "acme-office", "--json")["due"],
                         "2027-04-06")
        self.assertIn("acme-office", [c["id"] for c in self.json("calendars", "--json")])
        with open(ics_path, "w") as f:
            f.write("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:no date\nEND:VEVENT\nEND:VCALENDAR\n")
        self.assert_bad_input(self.run_cli("calendar", "import", ics_path, "--id", "broken"))

    def test_deadline_command(self):
        out = self.json("deadline", "--jurisdiction", "eu-gdpr", "--received", "2027-03-05",
                        "--calendar", "ie", "--json")
        self.assertEqual(out["due"], "2027-04-05")
        self.assertEqual(out["extended_due"], "2027-06-08")
        self.assertIsNone(out["acknowledge_by"])
        self.assertEqual(out["extension_notice_by"], "2027-04-05")
        ccpa = self.json("deadline", "--jurisdiction", "us-ca-ccpa", "--received", "2027-03-05",
                         "--type", "opt-out", "--json")
        self.assertIsNone(ccpa["extended_due"])
        self.assert_bad_input(self.run_cli("deadline", "--jurisdiction", "eu-gdpr", "--received",
                                           "2027-03-05", "--pause", "2027-03-10:2027-03-08",
                                           "--json"))

    def test_pii_scan(self):
        # Accents before the findings: offsets must count code points, not bytes. Plain
        # prose is its own decoded text (a chat's turns would be laid out anew).
        note = ("Grüße from Zoë Müller. Please write to zoe.mueller@example.org about my "
                "order.\nMy neighbour Brian O'Neill gave you brian.oneill@example.net and "
                "07700 900123.\n"
                "My bank account is DE89 3704 0044 0532 0130 00.\n")
        path = os.path.join(self.tmp.name, "note.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(note)
        subject = ("--subject-name", "Zoë Müller", "--subject-email", "zoe.mueller@example.org")
        out = self.ok("pii", "scan", path, "--json", *subject)
        findings = json.loads(out)["findings"]
        by_text = {f["text"]: f for f in findings}
        for f in findings:
            self.assertEqual(note[f["start"]:f["end"]], f["text"], f)
            self.assertTrue(0 < f["score"] <= 1, f)
        self.assertEqual([f["start"] for f in findings], sorted(f["start"] for f in findings))
        self.assertEqual(by_text["zoe.mueller@example.org"]["entity"], "EMAIL_ADDRESS")
        self.assertTrue(by_text["zoe.mueller@example.org"]["subject"])
        self.assertEqual(by_text["brian.oneill@example.net"]["entity"], "EMAIL_ADDRESS")
        self.assertFalse(by_text["brian.oneill@example.net"]["subject"])
        self.assertEqual(by_text["07700 900123"]["entity"], "PHONE_NUMBER")
        self.assertFalse(by_text["07700 900123"]["subject"])
        self.assertEqual(by_text["DE89 3704 0044 0532 0130 00"]["entity"], "IBAN_CODE")
        self.assertTrue(by_text["Zoë Müller"]["subject"])
        self.assertEqual(by_text["Brian O'Neill"]["entity"], "PERSON")
        self.assertFalse(by_text["Brian O'Neill"]["subject"])

        # The same findings as lines: "start-end, entity, score, text".
        lines = self.ok("pii", "scan", path, *subject).splitlines()
        self.assertEqual(len(lines), len(findings))
        for line, f in zip(lines, findings):
            span, entity, score, text = line.split("\t")[:4]
            self.assertEqual(span, f"{f['start']}-{f['end']}")
            self.assertEqual((entity, float(score), text), (f["entity"], f["score"], f["text"]))

        # A photo and a missing file: exit 2, one line that names the problem.
        photo = os.path.join(self.tmp.name, "id.png")
        with open(photo, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(64))
        self.assert_bad_input(self.run_cli("pii", "scan", photo, db=False), "PNG image")
        self.assert_bad_input(self.run_cli("pii", "scan", path + ".gone", db=False),
                              "note.txt.gone")

    def test_redact_outputs(self):
        note = "Please call my neighbour Brian O'Neill on 07700 900123.\n"
        # A colon in a file name is a name, not a URI scheme.
        path = os.path.join(self.tmp.name, "call:1.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(note)

        # A link is followed: the file it points to gets the output, the link stays.
        target = os.path.join(self.tmp.name, "target.txt")
        link = os.path.join(self.tmp.name, "link.txt")
        with open(target, "w") as f:
            f.write("old")
        os.symlink("target.txt", link)
        p = subprocess.run([CLI, "redact", "call:1.txt", "--out", "link.txt"], cwd=self.tmp.name,
                           capture_output=True, text=True, env=self.env, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(os.path.islink(link))
        with open(target, encoding="utf-8") as f:
            redacted = f.read()
        self.assertNotIn("07700 900123", redacted)
        self.assertIn("[REDACTED: PHONE_NUMBER]", redacted)

        # A pipe is written to, not replaced by a plain file.
        fifo = os.path.join(self.tmp.name, "fifo")
        os.mkfifo(fifo)
        reader = subprocess.Popen(["cat", fifo], stdout=subprocess.PIPE, text=True)
        self.ok("redact", path, "--out", fifo)
        self.assertIn("[REDACTED: PHONE_NUMBER]", reader.communicate(timeout=60)[0])
        self.assertFalse(os.path.isfile(fifo))

        # A log that cannot be written fails the command, and leaves no output behind.
        out = os.path.join(self.tmp.name, "new.txt")
        self.assert_bad_input(self.run_cli("redact", path, "--out", out, "--log",
                                           os.path.join(self.tmp.name, "no", "log.json")),
                              "log.json")
        self.assertFalse(os.path.exists(out))

    def test_demo(self):
        self.ok("demo", "--cases", "300", "--seed", "3")
        cases = self.json("case", "list", "--json")
        self.assertEqual(len(cases), 300)
        self.assertGreater(len({c["client"] for c in cases}), 5)
        self.assertGreater(len({c["jurisdiction"] for c in cases}), 5)
        self.assertEqual(self.run_cli("audit", "verify").returncode, 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
