"""Benchmark of the open-data API's pledges at 100,000 pledges (not a test).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imrf_api_bench REDIS_URL=redis://127.0.0.1:6379/4 \
        .venv/bin/python bench/api.py --pledges 100000

Seeds as bench/registry.py does (its seeding, once), then times about 200 varied requests of each
shape in-process through Django's test client (server time: middleware, view, queries, JSON) and
counts their queries. A page holds 50 pledges, each with its indicators, values and reports.
"""

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.registry import SEARCH_WORDS, measure, seed  # noqa: E402 - sets Django up first

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from pledges.models import Pledge  # noqa: E402
from reference.enums import Region  # noqa: E402


def shapes(rng, n, refs, pages):
    regions = [r.value for r in Region]
    return [
        ("api: first page", ["/api/v1/pledges/" for _ in range(n)]),
        ("api: any page (following next)", [f"/api/v1/pledges/?page={rng.randint(1, pages)}" for _ in range(n)]),
        ("api: objective", [f"/api/v1/pledges/?objective={rng.randint(1, 23)}" for _ in range(n)]),
        (
            "api: objective + region + page 3",
            [
                f"/api/v1/pledges/?objective={rng.randint(1, 23)}&region={rng.choice(regions)}&page=3"
                for _ in range(n)
            ],
        ),
        ("api: search (one word)", [f"/api/v1/pledges/?q={rng.choice(SEARCH_WORDS)}" for _ in range(n)]),
        ("api: one pledge", [f"/api/v1/pledges/{rng.choice(refs)}/" for _ in range(n)]),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pledges", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", action="append", help="run only the shapes whose name starts with this")
    args = parser.parse_args()
    print(f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}")
    if Pledge.objects.published().count() < args.pledges * 0.9:
        seed(args.pledges - Pledge.objects.count())
    published = Pledge.objects.published().count()
    print(f"{published} published pledges")
    rng = random.Random(7)
    refs = list(Pledge.objects.published().order_by("?").values_list("reference", flat=True)[:1000])
    client = Client()
    client.get("/api/v1/pledges/")  # warm up imports, the connection and the facet index
    for name, urls in shapes(rng, args.requests, refs, pages=-(-published // 50)):
        if not args.only or any(name.startswith(prefix) for prefix in args.only):
            measure(client, name, urls, clear_cache=False)


if __name__ == "__main__":
    main()
