"""Benchmark of the pledge registry at 100,000 published pledges (not a test).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imrf_pledges_dev REDIS_URL=redis://127.0.0.1:6379/13 \
        .venv/bin/python bench/registry.py --pledges 100000

Seeds (once; --reseed to start again) published pledges with realistic text of 300-3,000
characters, partners, objectives, principles, countries, indicators and progress reports, plus some
drafts; then times about 200 varied requests of each shape in-process through Django's test
client (server time: middleware, view, queries, template), counts their queries, and streams the
CSV export of everything, measuring the total time, the time to the first byte and the growth of
the process's peak memory. The anonymous page cache is off: each request runs the registry.
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
# The registry's own work is measured, not the whole-page cache in front of it (bench/load.sh).
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

import django

django.setup()

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.codes import codes
from forums.enums import ForumStatus
from forums.models import Forum
from pledges.enums import MEMBER_STATE, PledgeState, Stage
from pledges.models import (
    Indicator,
    IndicatorValue,
    Pledge,
    PledgeCounter,
    PledgePartner,
    ProgressReport,
)
from pledges.registry.search import update_vectors as update_search_vector
from reference.enums import Region, StakeholderCategory
from reference.models import Country, GuidingPrinciple, MemberState, Objective
from stakeholders.models import Organization

WORDS = {
    "subjects": [
        "migrant workers",
        "women migrants",
        "unaccompanied children",
        "diaspora entrepreneurs",
        "returnees",
        "seasonal workers",
        "domestic workers",
        "young migrants",
        "families of migrants",
        "migrants in vulnerable situations",
        "students",
        "care workers",
        "fishers",
        "health workers",
    ],
    "actions": [
        "train",
        "support",
        "fund",
        "open",
        "establish",
        "expand",
        "publish",
        "strengthen",
        "monitor",
        "digitise",
        "translate",
        "coordinate",
        "certify",
        "protect",
        "include",
    ],
    "objects": [
        "resource centres",
        "skills recognition schemes",
        "consular services",
        "remittance corridors",
        "labour inspections",
        "bilateral labour agreements",
        "alternatives to detention",
        "search and rescue coordination",
        "data collection on missing migrants",
        "legal identity documents",
        "social security portability",
        "anti-trafficking hotlines",
        "ethical recruitment standards",
        "language courses",
        "health insurance",
        "public information campaigns",
        "reintegration grants",
        "vocational training",
        "financial literacy courses",
        "shelters",
        "case management",
        "referral mechanisms",
        "border management training",
        "complaint mechanisms",
    ],
    "places": [
        "in rural districts",
        "in border towns",
        "in capital cities",
        "along the main corridor",
        "in the Gulf region",
        "in coastal provinces",
        "across the region",
        "in secondary cities",
        "in countries of origin",
        "in countries of destination",
        "in transit countries",
    ],
    "connectors": [
        "in cooperation with local authorities",
        "with trade unions and employers",
        "with migrant organisations",
        "with the UN Network on Migration",
        "with academia",
        "with faith-based partners",
        "with national human rights institutions",
        "with the private sector",
        "through a multi-stakeholder platform",
    ],
    "measures": [
        "reporting each year on the number of people served",
        "with a baseline survey in the first year",
        "and publishing disaggregated data by sex and age",
        "with an independent evaluation at mid-term",
        "and halving recruitment costs by the target date",
        "reaching ten thousand people by 2030",
        "with quarterly dashboards open to the public",
        "and training five hundred officials",
    ],
}
SEARCH_WORDS = [
    "remittance",
    "recruitment",
    "trafficking",
    "detention",
    "consular",
    "skills",
    "returnees",
    "diaspora",
    "shelters",
    "rescue",
    "identity",
    "portability",
    "hotline",
    "seasonal",
    "care",
    "language",
    "insurance",
    "inspection",
    "students",
    "fishers",
    "referral",
    "grants",
    "border",
]


def sentence(rng):
    return (
        f"We {rng.choice(WORDS['actions'])} {rng.choice(WORDS['objects'])} for {rng.choice(WORDS['subjects'])} "
        f"{rng.choice(WORDS['places'])}, {rng.choice(WORDS['connectors'])}, {rng.choice(WORDS['measures'])}."
    )


def pledge_text(rng):
    target = rng.randint(300, 3000)
    parts, length = [], 0
    while length < target:
        s = sentence(rng)
        parts.append(s)
        length += len(s) + 1
    text = " ".join(parts)
    return text[:target].rsplit(" ", 1)[0] + "." if len(text) > target else text


def seed(n, *, drafts_share=0.05, rng=None):
    rng = rng or random.Random(2026)
    today = timezone.localdate()
    forums = list(Forum.objects.filter(year__in=[2022, 2026]))
    if len(forums) < 2:
        forums = [
            Forum.objects.get_or_create(
                year=year,
                defaults={
                    "title": f"International Migration Review Forum {year}",
                    "hearing_date": datetime.date(year, 5, 4 if year == 2026 else 16),
                    "start_date": datetime.date(year, 5, 5 if year == 2026 else 17),
                    "end_date": datetime.date(year, 5, 8 if year == 2026 else 20),
                    "status": ForumStatus.ANNOUNCED if year == 2026 else ForumStatus.CONCLUDED,
                },
            )[0]
            for year in (2022, 2026)
        ]
    countries = list(Country.objects.values_list("pk", "iso3", "region"))
    states = list(MemberState.objects.values_list("pk", "name"))
    objectives = dict(Objective.objects.values_list("number", "pk"))
    principles = dict(GuidingPrinciple.objects.values_list("letter", "pk"))
    categories = [c.value for c in StakeholderCategory]
    print(f"seeding {n} pledges…", flush=True)
    # Reuse the organisations of an interrupted earlier run.
    orgs = list(
        Organization.objects.filter(slug__startswith="bench-org-")
    ) or Organization.objects.bulk_create(
        [
            Organization(
                name=f"{rng.choice(['Network', 'Alliance', 'Centre', 'Foundation', 'Council', 'Institute'])} for "
                f"{rng.choice(WORDS['subjects']).title()} {i}",
                slug=f"bench-org-{i}",
                category=rng.choice(categories),
                country_id=rng.choice(countries)[0],
            )
            for i in range(3000)
        ],
        batch_size=1000,
    )
    org_info = [(o.pk, o.name, o.category) for o in orgs]
    # Continue after the demo's pledges (and any earlier seeding), as the portal itself would.
    counters = dict(PledgeCounter.objects.filter(forum__in=forums).values_list("forum_id", "last_number"))
    counters = {f.pk: counters.get(f.pk, 0) for f in forums}
    batch = 5000
    created = 0
    while created < n:
        size = min(batch, n - created)
        rows, m2m, partner_rows = [], [], []
        for _ in range(size):
            forum = rng.choice(forums)
            counters[forum.pk] += 1
            published = rng.random() > drafts_share
            by_state = rng.random() < 0.3
            org = None if by_state else rng.choice(org_info)
            state = rng.choice(states) if by_state else None
            chosen_objectives = sorted(rng.sample(range(1, 24), rng.choice([1, 1, 2, 2, 3, 4])))
            chosen_principles = sorted(rng.sample(list(principles), rng.choice([0, 1, 2, 3])))
            chosen_countries = rng.sample(countries, rng.choice([0, 1, 1, 2, 3]))
            regions = sorted(
                {c[2] for c in chosen_countries}
                | ({rng.choice(list(Region)).value} if rng.random() < 0.3 else set())
            )
            partners = [rng.choice(org_info) for _ in range(rng.choice([0, 0, 0, 1, 2]))]
            published_at = (
                timezone.now() - datetime.timedelta(days=rng.randint(0, 1500)) if published else None
            )
            last_report = (
                timezone.localdate(published_at) + datetime.timedelta(days=rng.randint(0, 700))
                if published and rng.random() < 0.5
                else None
            )
            if last_report and last_report > today:
                last_report = today
            names = [state[1] if state else org[1], *(p[1] for p in partners)]
            pledge = Pledge(
                reference=f"IMRF{forum.year}-{counters[forum.pk]:04d}",
                forum_id=forum.pk,
                state=PledgeState.PUBLISHED
                if published
                else rng.choice([PledgeState.DRAFT, PledgeState.SUBMITTED]),
                title=f"{rng.choice(WORDS['actions']).title()} {rng.choice(WORDS['objects'])} for "
                f"{rng.choice(WORDS['subjects'])}",
                text=pledge_text(rng),
                kind_financial=rng.random() < 0.3,
                kind_technical=rng.random() < 0.5,
                kind_process=rng.random() < 0.3,
                kind_policy=rng.random() < 0.4,
                regions=regions,
                global_scope=not regions,
                organization_id=org[0] if org else None,
                member_state_id=state[0] if state else None,
                seeking_partners=rng.random() < 0.15,
                offering_support=rng.random() < 0.1,
                published_at=published_at,
                pledger_type=MEMBER_STATE if state else org[2],
                pledger_names="\n".join(names),
                objective_codes=codes(chosen_objectives),
                principle_codes=codes(chosen_principles),
                country_codes=codes(sorted(c[1] for c in chosen_countries)),
                region_codes=codes(regions),
                stage=rng.choice(list(Stage)) if last_report else Stage.PLANNING,
                last_report_at=last_report,
                health_since=(last_report or timezone.localdate(published_at)) if published else None,
                check_in_scope=published,
                check_measurable=published,
                check_objectives=published,
            )
            rows.append(pledge)
            m2m.append((chosen_objectives, chosen_principles, chosen_countries))
            partner_rows.append(partners)
        with transaction.atomic():
            Pledge.objects.bulk_create(rows, batch_size=1000)
            Pledge.objectives.through.objects.bulk_create(
                [
                    Pledge.objectives.through(pledge_id=p.pk, objective_id=objectives[o])
                    for p, (objs, _, _) in zip(rows, m2m, strict=True)
                    for o in objs
                ],
                batch_size=5000,
            )
            Pledge.principles.through.objects.bulk_create(
                [
                    Pledge.principles.through(pledge_id=p.pk, guidingprinciple_id=principles[x])
                    for p, (_, ps, _) in zip(rows, m2m, strict=True)
                    for x in ps
                ],
                batch_size=5000,
            )
            Pledge.countries.through.objects.bulk_create(
                [
                    Pledge.countries.through(pledge_id=p.pk, country_id=c[0])
                    for p, (_, _, cs) in zip(rows, m2m, strict=True)
                    for c in cs
                ],
                batch_size=5000,
            )
            PledgePartner.objects.bulk_create(
                [
                    PledgePartner(pledge_id=p.pk, organization_id=o[0], confirmed_at=timezone.now())
                    for p, partners in zip(rows, partner_rows, strict=True)
                    for o in {x[0]: x for x in partners if x[0] != p.organization_id}.values()
                ],
                batch_size=5000,
            )
            indicators = Indicator.objects.bulk_create(
                [
                    Indicator(
                        pledge_id=p.pk,
                        order=k,
                        description=f"People reached ({k + 1})",
                        unit="people",
                        baseline=0,
                        target=rng.choice([100, 500, 1000, 10000]),
                        target_date=datetime.date(2030, 12, 31),
                    )
                    for p in rows
                    for k in range(rng.choice([1, 2, 3]))
                ],
                batch_size=5000,
            )
            by_pledge = {}
            for indicator in indicators:
                by_pledge.setdefault(indicator.pledge_id, []).append(indicator)
            reports = ProgressReport.objects.bulk_create(
                [
                    ProgressReport(
                        pledge_id=p.pk,
                        reported_on=p.last_report_at,
                        stage=p.stage,
                        narrative="We report progress: " + sentence(rng),
                        organization_id=p.organization_id,
                        member_state_id=p.member_state_id,
                    )
                    for p in rows
                    if p.last_report_at
                ],
                batch_size=5000,
            )
            IndicatorValue.objects.bulk_create(
                [
                    IndicatorValue(report_id=r.pk, indicator_id=i.pk, value=rng.randint(0, int(i.target)))
                    for r in reports
                    for i in by_pledge[r.pledge_id]
                ],
                batch_size=5000,
            )
        created += size
        print(f"  {created}", flush=True)
    for forum in forums:
        PledgeCounter.objects.update_or_create(forum=forum, defaults={"last_number": counters[forum.pk]})
    print("search vectors…", flush=True)
    t = time.perf_counter()
    update_search_vector(*Pledge.objects.values_list("pk", flat=True))
    print(f"  {time.perf_counter() - t:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE pledges_pledge") if connection.vendor == "postgresql" else None


def percentile(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def measure(client, name, urls, *, clear_cache=True):
    if clear_cache:
        cache.clear()
    times, queries, statuses = [], [], set()
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            content = response.content
            elapsed = time.perf_counter() - start
        assert content
        statuses.add(response.status_code)
        times.append(elapsed * 1000)
        queries.append(len(ctx.captured_queries))
    print(
        f"{name:<40} n={len(urls):>3}  p50={statistics.median(times):7.1f} ms  p95={percentile(times, 95):7.1f} ms  "
        f"max={max(times):7.1f} ms  queries max={max(queries)} (median {statistics.median(queries):.0f})  "
        f"status={sorted(statuses)}",
        flush=True,
    )
    return times, queries


def rss_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def measure_export(client):
    # Reset the peak resident set size, then stream everything as a worker would.
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    before = rss_kb("VmRSS")
    start = time.perf_counter()
    response = client.get("/pledges/export.csv")
    stream = iter(response.streaming_content)
    first = next(stream)
    ttfb = time.perf_counter() - start
    size, rows = len(first), 0
    for chunk in stream:
        size += len(chunk)
        rows += 1
    total = time.perf_counter() - start
    peak = rss_kb("VmHWM")
    print(
        f"CSV export of everything: {rows} rows, {size / 1e6:.1f} MB, total {total:.2f} s, first byte "
        f"{ttfb * 1000:.0f} ms, peak memory growth {(peak - before) / 1024:.1f} MB",
        flush=True,
    )


def shapes(rng, n_requests, pledge_refs):
    regions = [r.value for r in Region]
    unfiltered = [
        f"/pledges/?page={rng.choice([1, 1, 1, 2, 3])}" if i % 3 else "/pledges/" for i in range(n_requests)
    ]
    unfiltered = ["/pledges/" for _ in range(n_requests)]
    objective = [f"/pledges/?objective={rng.randint(1, 23)}" for _ in range(n_requests)]
    search = [f"/pledges/?q={rng.choice(SEARCH_WORDS)}" for _ in range(n_requests)]
    combined = [
        f"/pledges/?objective={rng.randint(1, 23)}&region={rng.choice(regions)}&q={'+'.join(rng.sample(SEARCH_WORDS, 2))}"
        for _ in range(n_requests)
    ]
    detail = [f"/pledges/{rng.choice(pledge_refs)}/" for _ in range(n_requests)]
    two_objectives = [
        "/pledges/?" + "&".join(f"objective={n}" for n in rng.sample(range(1, 24), 2)) for _ in range(n_requests)
    ]
    return [
        ("unfiltered first page", unfiltered),
        ("objective only", objective),
        ("two objectives (either)", two_objectives),
        ("search only (one word)", search),
        ("objective + region + two search words", combined),
        ("pledge page", detail),
    ]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pledges", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument("--only", action="append", help="run only the shapes whose name starts with this")
    parser.add_argument("--seed-only", action="store_true", help="seed, then stop (bench/load.sh uses it)")
    args = parser.parse_args()
    print(
        f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}; cache: {settings.CACHES['default']['BACKEND']}"
    )
    if args.reseed:
        with transaction.atomic():
            Pledge.objects.all().delete()
            Organization.objects.filter(slug__startswith="bench-org-").delete()
    published_count = Pledge.objects.published().count()
    if published_count < args.pledges * 0.9:
        seed(args.pledges - Pledge.objects.count())
    print(
        f"{Pledge.objects.published().count()} published pledges, {Pledge.objects.exclude(state='published').count()} others"
    )
    if args.seed_only:
        return
    rng = random.Random(7)
    refs = list(Pledge.objects.published().order_by("?").values_list("reference", flat=True)[:1000])
    client = Client()
    client.get("/pledges/")  # warm up imports and the connection
    for name, urls in shapes(rng, args.requests, refs):
        if not args.only or any(name.startswith(prefix) for prefix in args.only):
            measure(client, name, urls)
    if not args.no_export:
        measure_export(client)


if __name__ == "__main__":
    main()
