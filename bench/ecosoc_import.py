"""Benchmark of the status-list importer (not a test): an ECOSOC list of 6,500 NGOs (the real
list's size) against a portal with 3,000 organisations, 1,000 of which are on the list (a third
by their profile number, a third by name and country spelt differently, a third by website).

    .venv/bin/python bench/ecosoc_import.py                    # SQLite in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imrf_bench .venv/bin/python bench/ecosoc_import.py

Prints, for a first import and for a second one of the same list with 300 changes (what a monthly
update looks like), the time to check the file (parse_list) and to write it (import_list), the
queries, and the proposed matches. Target: under 10 s each.
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGOS = 6500
ORGANIZATIONS = 3000
ON_THE_LIST = 1000


def setup():
    sys.path.insert(0, str(ROOT))
    scratch = Path(tempfile.mkdtemp(prefix="imrf-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imrf_portal.settings")
    os.environ.setdefault("SQLITE_PATH", str(scratch / "bench.sqlite3"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(rng):
    from reference.models import Country
    from stakeholders.models import Organization
    from verification.models import StatusListEntry, StatusListImport

    StatusListEntry.objects.all().delete()
    StatusListImport.objects.all().delete()
    Organization.objects.filter(name__startswith="Bench ").delete()
    countries = list(Country.objects.values_list("pk", "iso3", "name_en"))
    organizations = []
    for n in range(ORGANIZATIONS):
        pk, iso3, _name = countries[n % len(countries)]
        organizations.append(
            Organization(
                name=f"Bench Association for Migrants {n}",
                slug=f"bench-{n}",
                category="ngo",
                country_id=pk,
                website=f"https://bench{n}.example.org",
                ecosoc_profile_number=f"B{n}" if n % 3 == 0 else "",
            )
        )
    Organization.objects.bulk_create(organizations, batch_size=1000)
    lines = ["name,country,website,status,profile_number"]
    statuses = ["General", "Special", "Roster"]
    for n in range(NGOS):
        pk, iso3, name = countries[n % len(countries)]
        status = statuses[0 if n % 20 == 0 else 1 if n % 4 else 2]
        if n < ON_THE_LIST:
            if n % 3 == 0:
                lines.append(f'"Bench Assoc. for Migrants {n} (renamed)",{iso3},,{status},B{n}')
            elif n % 3 == 1:
                lines.append(f'"BENCH association for migrants {n}","{name}",,{status},E{n}')
            else:
                lines.append(f'"The Bench Migrants Society {n}",{iso3},www.bench{n}.example.org,{status},E{n}')
        else:
            lines.append(f'"NGO number {n}, for migrants",{iso3},https://ngo{n}.example.net,{status},E{n}')
    body = lines[1:]
    rng.shuffle(body)
    return "\n".join([lines[0], *body]).encode("utf-8")


def measure(label, content):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from verification import services
    from verification.models import StatusListEntry

    upload = SimpleUploadedFile("ecosoc.csv", content)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        rows = services.parse_list("ecosoc", upload)
        parsed = time.perf_counter()
        batch = services.import_list("ecosoc", rows, by=None, filename=upload.name)
        done = time.perf_counter()
    proposed = StatusListEntry.objects.filter(candidate__isnull=False).count()
    print(
        f"{label}: {len(rows):,} rows, {len(content) / 1024:,.0f} KB: check {parsed - started:.2f} s, "
        f"import {done - parsed:.2f} s, total {done - started:.2f} s, {len(queries)} queries; "
        f"{batch.added} new, {batch.updated} updated, {batch.dropped} dropped; {proposed} matches proposed"
    )
    return done - started


def main():
    setup()
    from django.db import connection

    rng = random.Random(2026)
    content = seed(rng)
    print(f"database: {connection.vendor}; {ORGANIZATIONS:,} organisations, {ON_THE_LIST:,} of them on the list")
    first = measure("first import", content)
    lines = content.decode().split("\n")
    for i in rng.sample(range(1, len(lines)), 300):
        lines[i] = lines[i].replace("Special", "General") if "Special" in lines[i] else lines[i] + ""
    lines += [f'"Newly admitted NGO {n}",KEN,,Special,N{n}' for n in range(100)]
    second = measure("second import", "\n".join(lines).encode())
    print(f"target under 10 s: {'met' if max(first, second) < 10 else 'MISSED'}")


if __name__ == "__main__":
    main()
