#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmarks of reports and packages (issue 6), as whole processes: the CCPA report over a
1,000,000-case database as JSON (goal < 2 s) and as PDF (goal < 5 s), the GDPR report of a year,
and the response package of a case with 500 documents (goal < 5 s). Prints each figure beside
its goal and exits non-zero when one is missed."""

import datetime
import hashlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

CLI = os.environ.get("RIGHTSDESK_CLI", "rightsdesk-cli")
CASES = int(os.environ.get("RIGHTSDESK_BENCH_CASES", "1000000"))
TODAY = "2026-11-20"
ENV = dict(os.environ, RIGHTSDESK_TODAY=TODAY)

failures = []


def report(name, value, unit, goal):
    ok = value <= goal
    print(f"{name:<58} {value:10.2f} {unit:<3} (goal < {goal} {unit}) {'ok' if ok else 'MISSED'}",
          flush=True)
    if not ok:
        failures.append(name)


def run(db, *args):
    p = subprocess.run([CLI, "--db", db, *args], env=ENV, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {p.stderr}")
    return p.stdout


def timed(db, *args, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(db, *args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def million(tmp):
    cache = os.environ.get("RIGHTSDESK_BENCH_DB")
    if cache and os.path.exists(cache):
        print(f"using the existing database {cache}")
        return cache
    db = cache or os.path.join(tmp, "million.db")
    start = time.perf_counter()
    run(db, "demo", "--cases", str(CASES), "--seed", "1")
    print(f"built {CASES} demonstration cases in {time.perf_counter() - start:.1f} s", flush=True)
    return db


def busiest_year(db):
    con = sqlite3.connect(db)
    # received is GLib's Julian day number, which counts days as Python's ordinals do.
    rows = con.execute("SELECT received, count(*) FROM cases GROUP BY received").fetchall()
    con.close()
    years = {}
    for julian, n in rows:
        year = datetime.date.fromordinal(julian).year
        years[year] = years.get(year, 0) + n
    year = max(years, key=years.get)
    return year, years[year], sum(years.values())


def package_case(tmp):
    db = os.path.join(tmp, "package.db")
    ref = run(db, "case", "add", "--client", "Liffey Software Ltd", "--type", "access",
              "--jurisdiction", "eu-gdpr", "--received", "2026-10-01",
              "--subject-name", "Anna Eriksson", "--subject-email", "anna@example.org",
              "--json")
    ref = json.loads(ref)["reference"] if ref.strip().startswith("{") else ref.strip()
    # 500 documents written straight into the documents table (no CLI adds documents yet):
    # records as JSON and redacted transcripts of a few kilobytes each.
    con = sqlite3.connect(db)
    case_id = con.execute("SELECT id FROM cases WHERE reference = ?", (ref,)).fetchone()[0]
    now = datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")
    for i in range(500):
        if i % 2 == 0:
            body = json.dumps({"order": i, "lines": [{"sku": f"SKU-{i}-{j}", "qty": j}
                                                     for j in range(40)]}).encode()
            row = ("record", f"order-{i}.json", "application/json", "shop")
        else:
            body = ("Agent: Hello, how can I help?\nCustomer: [REDACTED: PERSON] asked about "
                    f"order {i}.\n" * 60).encode()
            row = ("transcript", f"chat-{i}-redacted.txt", "text/plain", "redaction")
        con.execute("INSERT INTO documents (case_id, kind, name, mime_type, sha256, bytes, source,"
                    " content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (case_id, row[0], row[1], row[2], hashlib.sha256(body).hexdigest(), len(body),
                     row[3], body, now))
    con.commit()
    con.close()
    return db, ref


def main():
    with tempfile.TemporaryDirectory(prefix="rightsdesk-bench-report-") as tmp:
        db = million(tmp)
        year, in_year, total = busiest_year(db)
        out = os.path.join(tmp, "ccpa")
        report(f"report ccpa --year {year} --format json ({in_year} of {total})",
               timed(db, "report", "ccpa", "--year", str(year), "--format", "json",
                     "--out", out + ".json"), "s", 2)
        report(f"report ccpa --year {year} --format pdf",
               timed(db, "report", "ccpa", "--year", str(year), "--format", "pdf",
                     "--out", out + ".pdf"), "s", 5)
        report(f"report ccpa --client 'Acme Retail' --format pdf",
               timed(db, "report", "ccpa", "--year", str(year), "--client", "Acme Retail",
                     "--format", "pdf", "--out", out + "-acme.pdf"), "s", 5)
        report(f"report gdpr --from {year}-01-01 --to {year}-12-31 --format pdf",
               timed(db, "report", "gdpr", "--from", f"{year}-01-01", "--to", f"{year}-12-31",
                     "--format", "pdf", "--out", os.path.join(tmp, "gdpr.pdf")), "s", 5)

        pdb, ref = package_case(tmp)
        zip_path = os.path.join(tmp, "package.zip")
        report("export (a case with 500 documents)",
               timed(pdb, "export", ref, "--out", zip_path), "s", 5)
        with zipfile.ZipFile(zip_path) as z:
            print(f"  the package holds {len(z.namelist())} files, "
                  f"{os.path.getsize(zip_path) // 1024} KB")
        report("export --encrypt (a case with 500 documents)",
               timed(pdb, "export", ref, "--out", zip_path, "--encrypt"), "s", 5)

    if failures:
        sys.exit("missed: " + ", ".join(failures))


if __name__ == "__main__":
    main()
