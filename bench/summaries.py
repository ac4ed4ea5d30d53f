"""Benchmark of the post-forum summaries (not a test): every summary of a forum with 2,000
published pledges, then the compilation, generated the way the Celery task does it.

    .venv/bin/python bench/summaries.py                      # SQLite in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imrf_bench .venv/bin/python bench/summaries.py

Prints the time and query count of each document, the total, and the peak memory of the process
(which is what a worker would hold). Target: the whole set under 30 s; queries per document
constant, none per pledge.
"""

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLEDGES = 2000


def setup():
    sys.path.insert(0, str(ROOT))
    scratch = Path(tempfile.mkdtemp(prefix="imrf-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imrf_portal.settings")
    os.environ.setdefault("SQLITE_PATH", str(scratch / "bench.sqlite3"))
    os.environ.setdefault("MEDIA_ROOT", str(scratch / "media"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return scratch


def seed_pledges(forum):
    from pledges.enums import PledgeState
    from pledges.models import Pledge
    from reference.models import Objective
    from stakeholders.models import Organization

    existing = Pledge.objects.filter(forum=forum, reference__startswith=f"IMRF{forum.year}-B").count()
    if existing >= PLEDGES:
        return
    organization = Organization.objects.first()
    objectives = list(Objective.objects.all())
    rng = random.Random(2026)
    text = ("We commit to widen regular pathways and to report on them every year. " * 8).strip()
    pledges = Pledge.objects.bulk_create(
        Pledge(
            reference=f"IMRF{forum.year}-B{n:04d}",
            forum=forum,
            state=PledgeState.PUBLISHED,
            title=f"Benchmark pledge {n}",
            text=text,
            kind_policy=True,
            organization=organization,
            regions=["Africa"],
        )
        for n in range(existing + 1, PLEDGES + 1)
    )
    through = Pledge.objects.model.objectives.through
    through.objects.bulk_create(
        through(pledge_id=pledge.pk, objective_id=objective.pk)
        for pledge in pledges
        for objective in rng.sample(objectives, 3)
    )


def main():
    setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from forums.demo import seed
    from forums.models import Forum
    from stakeholders.demo import seed as seed_organizations
    from summaries import services as summaries
    from summaries.enums import SummaryState
    from summaries.models import Summary

    seed()
    seed_organizations()
    forum = Forum.objects.get(year=2026)
    seed_pledges(forum)
    paragraph = (
        "<p>Participants stressed that safe and regular pathways, fair recruitment and portable social "
        "protection reinforce one another, and asked for disaggregated data to follow progress.</p>"
    )
    for summary in summaries.ensure_summaries(forum):
        Summary.objects.filter(pk=summary.pk).update(
            key_messages=paragraph * 6,
            discussion=paragraph * 10,
            recommendations=paragraph * 4,
            state=SummaryState.PENDING,
            content_hash="",
        )

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows = []
    started = time.perf_counter()
    for summary in (
        Summary.objects.filter(session__forum=forum).select_related("session").order_by("session__starts_at")
    ):
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            summaries.generate(summary.pk)
        rows.append((summary.session.slug, time.perf_counter() - t0, len(queries)))
    t0 = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        compilation = summaries.compilation_pdf(forum)
    compilation_time, compilation_queries = time.perf_counter() - t0, len(queries)
    total = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    pledge_count = forum.pledges.filter(state="published").count()
    print(f"forum IMRF {forum.year}: {pledge_count} published pledges, database {connection.vendor}")
    print(f"{'document':<24}{'seconds':>9}{'queries':>9}")
    for slug, seconds, count in rows:
        print(f"{slug:<24}{seconds:>9.2f}{count:>9}")
    print(
        f"{'compilation':<24}{compilation_time:>9.2f}{compilation_queries:>9}  ({len(compilation) // 1024} KiB)"
    )
    print(f"total {total:.1f} s for {len(rows)} summaries and the compilation (target: under 30 s)")
    print(
        f"peak memory {rss_after / 1024:.0f} MiB (grew {(rss_after - rss_before) / 1024:.0f} MiB while generating)"
    )
    print(f"queries per summary: min {min(r[2] for r in rows)}, max {max(r[2] for r in rows)}")


if __name__ == "__main__":
    main()
