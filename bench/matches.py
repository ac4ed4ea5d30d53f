"""Benchmark of the suggested matches at 100,000 published pledges (not a test).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imrf_D REDIS_URL=redis://127.0.0.1:6379/4 \
        .venv/bin/python bench/matches.py --pledges 100000

Seeds (once; --reseed to start again) published pledges with objectives, countries and the kinds
of support they seek and offer, in bulk inserts as bench/registry.py does (no text search,
indicators or reports: matching reads none of them); then times pledges.queries.matches_of for
many pledges that seek something and prints p50/p95 and the queries per call.
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

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.codes import codes
from forums.enums import ForumStatus
from forums.models import Forum
from pledges.enums import PledgeState, SupportDirection
from pledges.models import Pledge, PledgeMatchKey, PledgeSupport, match_pledger, match_topics
from pledges.queries import matches_of
from reference.enums import StakeholderCategory, SupportKind
from reference.models import Country, Objective
from stakeholders.models import Organization

TEXT = "We commit to " + "open resource centres for migrants and train frontline workers; " * 6
KINDS = [kind.value for kind in SupportKind]


def forum():
    return Forum.objects.get_or_create(
        year=2026,
        defaults={
            "title": "International Migration Review Forum 2026",
            "hearing_date": datetime.date(2026, 5, 4),
            "start_date": datetime.date(2026, 5, 5),
            "end_date": datetime.date(2026, 5, 8),
            "status": ForumStatus.ANNOUNCED,
        },
    )[0]


def seed(n, rng):
    the_forum = forum()
    countries = list(Country.objects.values_list("pk", "iso3"))
    objectives = dict(Objective.objects.values_list("number", "pk"))
    categories = [c.value for c in StakeholderCategory]
    orgs = list(Organization.objects.filter(slug__startswith="bench-match-org-").values_list("pk", "name")) or [
        (o.pk, o.name)
        for o in Organization.objects.bulk_create(
            [
                Organization(
                    name=f"Match network {i}",
                    slug=f"bench-match-org-{i}",
                    category=rng.choice(categories),
                    country_id=rng.choice(countries)[0],
                )
                for i in range(3000)
            ],
            batch_size=1000,
        )
    ]
    start = Pledge.objects.filter(reference__startswith="BENCHM-").count()
    print(f"seeding {n} pledges…", flush=True)
    created, batch = 0, 5000
    while created < n:
        size = min(batch, n - created)
        rows, extra = [], []
        for i in range(size):
            number = start + created + i
            org = rng.choice(orgs)
            objs = sorted(rng.sample(range(1, 24), rng.choice([1, 1, 2, 2, 3, 4])))
            ctry = rng.sample(countries, rng.choice([0, 1, 1, 2, 3]))
            # About a third seek something and a quarter offer something, one to three kinds each.
            seeks = sorted(rng.sample(KINDS, rng.choice([1, 1, 2, 3]))) if rng.random() < 0.35 else []
            offers = sorted(rng.sample(KINDS, rng.choice([1, 1, 2, 3]))) if rng.random() < 0.25 else []
            rows.append(
                Pledge(
                    reference=f"BENCHM-{number:07d}",
                    forum_id=the_forum.pk,
                    state=PledgeState.PUBLISHED,
                    title=f"Matching pledge {number}",
                    text=TEXT,
                    kind_technical=True,
                    organization_id=org[0],
                    pledger_type="ngo",
                    pledger_names=org[1],
                    published_at=timezone.now() - datetime.timedelta(days=rng.randint(0, 1500)),
                    objective_codes=codes(objs),
                    country_codes=codes(sorted(c[1] for c in ctry)),
                    seek_codes=codes(seeks),
                    offer_codes=codes(offers),
                    seeking_partners=bool(seeks),
                    offering_support=bool(offers),
                )
            )
            extra.append((objs, ctry, seeks, offers))
        with transaction.atomic():
            Pledge.objects.bulk_create(rows, batch_size=1000)
            Pledge.objectives.through.objects.bulk_create(
                [
                    Pledge.objectives.through(pledge_id=p.pk, objective_id=objectives[o])
                    for p, (objs, _c, _s, _o) in zip(rows, extra, strict=True)
                    for o in objs
                ],
                batch_size=5000,
            )
            Pledge.countries.through.objects.bulk_create(
                [
                    Pledge.countries.through(pledge_id=p.pk, country_id=c[0])
                    for p, (_ob, ctry, _s, _o) in zip(rows, extra, strict=True)
                    for c in ctry
                ],
                batch_size=5000,
            )
            PledgeSupport.objects.bulk_create(
                [
                    PledgeSupport(pledge_id=p.pk, direction=direction, kind=kind)
                    for p, (_ob, _c, seeks, offers) in zip(rows, extra, strict=True)
                    for direction, kinds in ((SupportDirection.SEEK, seeks), (SupportDirection.OFFER, offers))
                    for kind in kinds
                ],
                batch_size=5000,
            )
            PledgeMatchKey.objects.bulk_create(
                [
                    PledgeMatchKey(pledge_id=p.pk, pledger=match_pledger(p.organization_id, None), kind=kind, topic=topic)
                    for p, (_ob, _c, _s, offers) in zip(rows, extra, strict=True)
                    for kind in offers
                    for topic in match_topics(p.objective_codes, p.country_codes)
                ],
                batch_size=5000,
            )
        created += size
        print(f"  {created}", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Pledge, PledgeSupport, PledgeMatchKey):
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def percentile(values, p):
    values = sorted(values)
    return values[max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pledges", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    print(f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}")
    rng = random.Random(2026)
    if args.reseed:
        with transaction.atomic():
            Pledge.objects.filter(reference__startswith="BENCHM-").delete()
    have = Pledge.objects.published().count()
    if have < args.pledges:
        seed(args.pledges - have, rng)
    print(f"{Pledge.objects.published().count()} published pledges, "
          f"{PledgeSupport.objects.count()} kinds sought or offered")  # fmt: skip
    seekers = list(
        Pledge.objects.published().exclude(seek_codes="").order_by("?")[: args.calls]
        .only("id", "reference", "seek_codes", "objective_codes", "country_codes", "organization_id", "member_state_id")
    )  # fmt: skip
    for pledge in seekers[:10]:
        matches_of(pledge)  # warm the connection and the buffers
    times, counts, found = [], set(), []
    for pledge in seekers:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = matches_of(pledge)
            times.append((time.perf_counter() - started) * 1000)
        counts.add(len(queries))
        found.append(len(result))
    print(
        f"matches_of over {len(seekers)} pledges that seek something: p50 {percentile(times, 50):.1f} ms, "
        f"p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms; queries per call {sorted(counts)}; "
        f"matches per pledge: mean {statistics.mean(found):.1f}, min {min(found)}"
    )
    # The whole page, in-process (middleware, view, both queries, template), the page cache off.
    client = Client()
    client.get(f"/pledges/{seekers[0].reference}/matches/")
    pages, page_queries = [], set()
    for pledge in seekers[:100]:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(f"/pledges/{pledge.reference}/matches/")
            pages.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        page_queries.add(len(queries))
    print(
        f"/pledges/<reference>/matches/ over {len(pages)} pledges: p50 {percentile(pages, 50):.1f} ms, "
        f"p95 {percentile(pages, 95):.1f} ms; queries per page {sorted(page_queries)}"
    )


if __name__ == "__main__":
    main()
