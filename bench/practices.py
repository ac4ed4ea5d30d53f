"""Benchmark of the registry of good practices at 10,000 published practices (not a test).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imrf_A REDIS_URL=redis://127.0.0.1:6379/1 \
        .venv/bin/python bench/practices.py --practices 10000

Seeds (once; --reseed to start again) published practices with varied titles, summaries and
descriptions, objectives, principles, countries, regions, implementer types and calls, plus some
drafts; then times varied requests of each list shape in-process through Django's test client
(server time: middleware, view, queries, template) and prints the median and p95 per shape and
the queries each ran. The anonymous page cache is off: each request runs the registry.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imrf_portal.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

import django

django.setup()

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.codes import codes
from practices import search
from practices.enums import MEMBER_STATE, Completion, PracticeState
from practices.models import Practice, PracticeCall
from reference.enums import StakeholderCategory
from reference.models import Country, MemberState, Objective
from stakeholders.models import Organization

SUBJECTS = ["migrant workers", "returnees", "women migrants", "children on the move", "diaspora", "seasonal workers"]
ACTIONS = ["one-stop shops", "skills recognition", "census questions", "fair recruitment", "legal aid", "language courses"]
PLACES = ["cities", "border areas", "rural districts", "ports", "capitals"]
TARGET_MS = 100


def seed(n):
    rng = random.Random(17)
    countries = list(Country.objects.values_list("iso3", "region"))
    states = list(MemberState.objects.values_list("pk", "name"))
    objectives = list(Objective.objects.values_list("number", flat=True))
    organization = Organization.objects.order_by("pk").first()
    if organization is None:
        organization = Organization.objects.create(
            name="Bench Organisation", category=StakeholderCategory.NGO, country=Country.objects.get(iso3="KEN")
        )
    today = timezone.localdate()
    calls = [
        PracticeCall.objects.get_or_create(
            slug=f"bench-call-{i}",
            defaults={
                "title": f"Bench call {i}",
                "theme": "Bench",
                "description": "Bench",
                "opens": today - datetime.timedelta(days=30),
                "deadline": today + datetime.timedelta(days=30),
            },
        )[0]
        for i in range(4)
    ]
    categories = [c.value for c in StakeholderCategory]
    now = timezone.now()
    rows = []
    for i in range(n):
        chosen = sorted(rng.sample(objectives, rng.randint(1, 3)))
        where = rng.sample(countries, rng.randint(0, 3))
        as_state = rng.random() < 0.25
        state_pk, state_name = rng.choice(states)
        subject, action, place = rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(PLACES)
        title = f"{action.capitalize()} for {subject} in {place} {i}"
        rows.append(
            Practice(
                state=PracticeState.PUBLISHED if rng.random() < 0.9 else PracticeState.DRAFT,
                title=title,
                summary=f"{title}: services joined up for {subject}, with results measured every year.",
                description=f"The practice offered {action} to {subject} in {place}. " * rng.randint(3, 20),
                organization=None if as_state else organization,
                member_state_id=state_pk if as_state else None,
                start_date=datetime.date(2019 + rng.randint(0, 5), rng.randint(1, 12), 1),
                completion=rng.choice([Completion.FULLY, Completion.MOSTLY]),
                results="Results.",
                innovative="Innovative.",
                replicable="Replicable.",
                contact_name="Bench",
                contact_email="bench@example.org",
                call=rng.choice(calls) if rng.random() < 0.2 else None,
                published_at=now - datetime.timedelta(minutes=i),
                implementer_type=MEMBER_STATE if as_state else rng.choice(categories),
                implementer_name=state_name if as_state else organization.name,
                objective_codes=codes(chosen),
                principle_codes=codes(sorted(rng.sample("abcdefghij", rng.randint(0, 3)))),
                country_codes=codes(sorted(iso3 for iso3, _r in where)),
                region_codes=codes(sorted({r for _i, r in where} or {rng.choice(["Africa", "Asia", "Europe"])})),
            )
        )
    with transaction.atomic():
        created = Practice.objects.bulk_create(rows, batch_size=1000)
        search.update_vectors(*[p.pk for p in created])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE practices_practice")
    return len(created)


def shapes():
    rng = random.Random(5)
    objective = lambda: rng.randint(1, 23)  # noqa: E731
    return {
        "all, newest": lambda: "/practices/",
        "page 20": lambda: f"/practices/?page={rng.randint(2, 20)}",
        "one objective": lambda: f"/practices/?objective={objective()}",
        "two objectives + region": lambda: f"/practices/?objective={objective()}&objective={objective()}&region=Africa",
        "principle + implementer + title sort": lambda: f"/practices/?principle={rng.choice('abcdefghij')}&implementer=member_state&sort=title",
        "country": lambda: f"/practices/?country={rng.choice(['MEX', 'KEN', 'DEU', 'PHL'])}",
        "search": lambda: f"/practices/?q={rng.choice(['census', 'returnees', 'legal aid', 'ports'])}",
        "search + objective, relevance": lambda: f"/practices/?q={rng.choice(['skills', 'diaspora'])}&objective={objective()}&sort=relevance",
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--reseed", action="store_true")
    options = parser.parse_args()
    if options.reseed:
        Practice.objects.all().delete()
    existing = Practice.objects.count()
    if existing < options.practices:
        started = time.perf_counter()
        made = seed(options.practices - existing)
        print(f"seeded {made} practices in {time.perf_counter() - started:.1f} s")
    print(f"{Practice.objects.published().count()} published practices, {connection.vendor}")
    client = Client()
    client.get("/practices/")  # warm the URLconf and templates
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall time is shared with it)")
    print(f"{'shape':40} {'median ms':>10} {'p95 ms':>8} {'p95 cpu':>8} {'queries':>8}")
    worst = 0
    for name, make in shapes().items():
        times, cpu, queries = [], [], set()
        for _ in range(options.requests):
            url = make()
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                # This process's own CPU (Django, not PostgreSQL's): what a busy machine does not inflate.
                cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries.add(len(captured))
        p95 = statistics.quantiles(times, n=20)[-1]
        worst = max(worst, p95)
        p95_cpu = statistics.quantiles(cpu, n=20)[-1]
        print(f"{name:40} {statistics.median(times):10.1f} {p95:8.1f} {p95_cpu:8.1f} {'/'.join(map(str, sorted(queries))):>8}")
    print(f"worst p95 {worst:.1f} ms (target ≤ {TARGET_MS} ms): {'met' if worst <= TARGET_MS else 'NOT met'}")


if __name__ == "__main__":
    main()
