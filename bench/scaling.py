"""The registry's scaling curve (issue 19), not a test: 10,000, 100,000 and 1,000,000 pledges, each
in its own PostgreSQL database, each measured in its own processes.

    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/scaling.py            # all three
    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/scaling.py --sizes 1000000 --port 8103

The refugee forum has about 1,600 pledges and the SDG platform about 4,200: a million is a stress
test of the design, not a forecast.

Seeding (once per database; reused on the next run unless --reseed; each database's comment says
how it was seeded and how long it took):
- 10,000: `migrate`, `seed_demo --no-admin`, then bench/registry.py's seeding through the ORM
  (about 20,000 pledges a minute);
- 100,000: a copy of `imrf_load` (bench/load.sh's 100,000, seeded the same way) when it exists and
  nobody is connected to it, else the 10,000 multiplied by ten;
- 1,000,000: the 100,000 copied, then multiplied by ten SQL-side (`multiply`: INSERT ... SELECT
  over generate_series with new ids and references; the objectives, principles, countries,
  partners, support, matching keys, indicators, reports, values and search vectors copied alike),
  then VACUUM ANALYZE. The copies repeat the originals' texts and dates, so a word matches ten
  times as many pledges: the search shapes are measured at their worst.

Then at each size (the page cache off; Redis db emptied first; generated files under
/tmp/imrf-scaling-media/<size>):
- p50/p95 of bench/registry.py's shapes, in-process through the test client;
- the facet index: its build (wall and CPU time, the peak memory traced during it), the memory of
  the built object (tracemalloc) and of one loaded from the cache, and what a fresh process's RSS
  grows by when it loads it;
- the unfiltered CSV: the file's build (exports.build_full_csv, as its Celery task runs it: time,
  size, the process's peak RSS growth) and its serving (/pledges/export.csv: first byte, total,
  peak RSS growth);
- publication to visibility: a Celery worker (solo pool) runs beside; a submitted pledge is
  published through pledges.services.set_pledge_state, and from the commit the registry's first
  page is asked every 20 ms until the pledge is on it (the index rebuilt by the task queued after
  the commit, shared through the cache, loaded by the asking process);
- one gunicorn worker (imrf_portal/gunicorn.conf.py, DEBUG off) on --port: its RSS after it
  loaded the index, and after 50 varied registry requests.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PG = ["-h", "127.0.0.1", "-U", "postgres"]
NAMES = {10_000: "10k", 100_000: "100k", 1_000_000: "1m"}
SEED_SOURCE = "imrf_load"


def psql(db, sql, *, quiet=True):
    out = subprocess.run(
        ["psql", *PG, "-d", db, "-v", "ON_ERROR_STOP=1", "-Atqc", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def db_exists(db):
    return psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{db}'") == "1"


def db_comment(db):
    return psql("postgres", f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{db}'")


def set_comment(db, text):
    psql("postgres", f"COMMENT ON DATABASE \"{db}\" IS '{text}'")


def env_for(db, size, args):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db}",
        REDIS_URL=args.redis,
        PAGE_CACHE_SECONDS="0",
        MEDIA_ROOT=f"/tmp/imrf-scaling-media/{NAMES[size]}",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
    )
    return env


def manage(env, *argv):
    subprocess.run([PY, "manage.py", *argv], check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def copy_database(source, target, *, tries=30):
    """createdb -T, retried while someone is connected to the template."""
    for attempt in range(tries):
        done = subprocess.run(["createdb", *PG, "-T", source, target], capture_output=True, text=True)
        if done.returncode == 0:
            return True
        print(f"  createdb -T {source}: {done.stderr.strip()} (retry {attempt + 1})", flush=True)
        time.sleep(10)
    return False


# The tables copied by `multiply`: for each, the columns that move with the copy, by which offset
# (the largest id of that table before the copy); None: left to the identity column.
COPIED = [
    ("pledges_pledge", {"id": "pledge", "matches_id": "pledge", "reference": "reference"}),
    ("pledges_pledgesearch", {"pledge_id": "pledge"}),
    ("pledges_pledgesearchhead", {"pledge_id": "pledge"}),
    ("pledges_pledge_objectives", {"id": None, "pledge_id": "pledge"}),
    ("pledges_pledge_principles", {"id": None, "pledge_id": "pledge"}),
    ("pledges_pledge_countries", {"id": None, "pledge_id": "pledge"}),
    ("pledges_pledge_practices", {"id": None, "pledge_id": "pledge"}),
    ("pledges_pledgepartner", {"id": None, "pledge_id": "pledge"}),
    ("pledges_pledgesupport", {"id": None, "pledge_id": "pledge"}),
    ("pledges_pledgematchkey", {"id": None, "pledge_id": "pledge"}),
    ("pledges_indicator", {"id": "indicator", "pledge_id": "pledge"}),
    ("pledges_progressreport", {"id": "report", "pledge_id": "pledge"}),
    ("pledges_indicatorvalue", {"id": None, "indicator_id": "indicator", "report_id": "report"}),
]


def multiply(db, factor):
    """Every pledge and what hangs on it, `factor` times in all, in one transaction: copy k gets
    id + k × max(id) and the reference number + k × the largest number of any forum."""
    offsets = {
        "pledge": int(psql(db, "SELECT coalesce(max(id), 0) FROM pledges_pledge")),
        "indicator": int(psql(db, "SELECT coalesce(max(id), 0) FROM pledges_indicator")),
        "report": int(psql(db, "SELECT coalesce(max(id), 0) FROM pledges_progressreport")),
    }
    numbers = int(psql(db, "SELECT coalesce(max(last_number), 0) FROM pledges_pledgecounter"))
    statements = ["SET synchronous_commit = off", "BEGIN"]
    for table, moved in COPIED:
        columns = psql(
            db,
            f"SELECT string_agg(quote_ident(column_name), ',' ORDER BY ordinal_position) "
            f"FROM information_schema.columns WHERE table_name = '{table}'",
        ).split(",")
        targets, values = [], []
        for column in columns:
            bare = column.strip('"')
            if bare in moved and moved[bare] is None:
                continue
            targets.append(column)
            how = moved.get(bare)
            if how == "reference":
                number = f"(split_part(t.reference, '-', 2)::int + k.k * {numbers})::text"
                values.append(
                    f"split_part(t.reference, '-', 1) || '-' || lpad({number}, greatest(4, length({number})), '0')"
                )
            elif how:
                values.append(f"t.{column} + k.k * {offsets[how]}")
            else:
                values.append(f"t.{column}")
        statements.append(
            f"INSERT INTO {table} ({', '.join(targets)}) SELECT {', '.join(values)} "
            f"FROM {table} t CROSS JOIN generate_series(1, {factor - 1}) AS k(k)"
        )
    statements.append(f"UPDATE pledges_pledgecounter SET last_number = last_number + {(factor - 1) * numbers}")
    for table, moved in COPIED:
        if "id" in moved:
            statements.append(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    statements.append("COMMIT")
    subprocess.run(
        ["psql", *PG, "-d", db, "-v", "ON_ERROR_STOP=1", "-q"],
        input=";\n".join(statements) + ";\n",
        text=True,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(["psql", *PG, "-d", db, "-qc", "VACUUM ANALYZE"], check=True)


def prepare(size, args):
    """The seeded database of this size; returns its name and how it was seeded."""
    db = f"imrf_S_{NAMES[size]}" if args.prefix is None else f"{args.prefix}_{NAMES[size]}"
    if db_exists(db) and not args.reseed:
        comment = db_comment(db)
        if comment and comment.startswith("seeded"):
            return db, comment
    if db_exists(db):
        subprocess.run(["dropdb", *PG, db], check=True)
    start = time.perf_counter()
    env = env_for(db, size, args)
    if size == 10_000:
        subprocess.run(["createdb", *PG, db], check=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "seed_demo", "--no-admin")
        subprocess.run(
            [PY, "bench/registry.py", "--pledges", str(size), "--seed-only"], check=True, cwd=ROOT, env=env
        )
        how = "migrate, seed_demo, bench/registry.py seed() through the ORM"
    else:
        smaller = size // 10
        source, how = None, None
        if size == 100_000 and db_exists(SEED_SOURCE) and not args.no_load_copy:
            source, how = SEED_SOURCE, f"a copy of {SEED_SOURCE} (bench/load.sh: bench/registry.py seed() through the ORM)"
        if source is None or not copy_database(source, db, tries=6):
            source_db, _how = prepare(smaller, args)
            if not copy_database(source_db, db):
                raise SystemExit(f"could not copy {source_db}")
            manage(env, "migrate", "--noinput", "-v0")
            t = time.perf_counter()
            multiply(db, 10)
            how = f"{source_db} copied and multiplied by ten SQL-side ({time.perf_counter() - t:.0f} s of it)"
        else:
            manage(env, "migrate", "--noinput", "-v0")  # bench/load.sh ran seed_demo on it
    seconds = time.perf_counter() - start
    count = psql(db, "SELECT count(*) || ' pledges, ' || count(*) FILTER (WHERE state = 'published') || ' published' FROM pledges_pledge")
    comment = f"seeded by bench/scaling.py in {seconds:.0f} s: {how}; {count}".replace("'", "")
    set_comment(db, comment)
    return db, comment


# --- The measurements, in a process of their own per size --------------------------------------


def rss_mb(pid="self", field="VmRSS"):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_peak():
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def measure(size, args):
    import tracemalloc

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imrf_portal.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import registry as bench_registry
    from pledges import exports, services
    from pledges.enums import PledgeState
    from pledges.models import Pledge
    from pledges.registry import index
    from pledges.registry.labels import labels as current_labels

    result = {"size": size}
    cache.clear()
    index.forget()
    key = index.index_key()
    labels = current_labels()
    # The build, timed (twice: the first also warms PostgreSQL's buffers), then traced.
    walls, cpus = [], []
    for _ in range(2 if size < 1_000_000 else 1):
        wall, cpu = time.perf_counter(), time.process_time()
        built = index.build(key, key[2], labels)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        del built
    result["build_s"] = min(walls)
    result["build_cpu_s"] = min(cpus)
    result["indexed"] = None
    tracemalloc.start()
    built = index.build(key, key[2], labels)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result.update(build_peak_mb=peak / 2**20, built_mb=held / 2**20, indexed=built.size, sets=len(built.sets))
    index.share(built)
    del built
    blob = cache.get(index.shared_key(key))
    result["shared_mb"] = len(blob) / 2**20
    tracemalloc.start()
    wall = time.perf_counter()
    loaded = index.shared(key)
    result["load_s"] = time.perf_counter() - wall
    result["loaded_mb"] = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    del loaded, blob
    print(f"  index: {json.dumps(result)}", flush=True)

    # The registry's shapes, the index loaded as a worker has it.
    index.refresh()
    client = Client()
    client.get("/pledges/")
    rng = random.Random(7)
    refs = list(Pledge.objects.published().order_by("?").values_list("reference", flat=True)[:1000])
    shapes = {}
    for name, urls in bench_registry.shapes(rng, args.requests, refs):
        if name.startswith("two objectives"):
            continue
        times, cpus, queries = [], [], []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                cpus.append((time.process_time() - cpu) * 1000)
                times.append((time.perf_counter() - wall) * 1000)
            queries.append(len(ctx.captured_queries))
        shapes[name] = {
            "p50": statistics.median(times),
            "p95": bench_registry.percentile(times, 95),
            "cpu_p50": statistics.median(cpus),
            "cpu_p95": bench_registry.percentile(cpus, 95),
            "queries": max(queries),
        }
        print(
            f"  {name:<40} n={len(urls)} wall p50 {shapes[name]['p50']:.0f} / p95 {shapes[name]['p95']:.0f} ms, "
            f"CPU p50 {shapes[name]['cpu_p50']:.0f} / p95 {shapes[name]['cpu_p95']:.0f} ms, queries {max(queries)}",
            flush=True,
        )
    result["shapes"] = shapes

    # The unfiltered CSV: the file, as its task writes it, then served.
    if not args.no_csv:
        reset_peak()
        before = rss_mb()
        wall, cpu = time.perf_counter(), time.process_time()
        written = exports.build_full_csv()
        result["csv_build_s"] = time.perf_counter() - wall
        result["csv_build_cpu_s"] = time.process_time() - cpu
        result["csv_build_rss_mb"] = rss_mb(field="VmHWM") - before
        result["csv_mb"] = Path(exports.generated_storage.path(written.name)).stat().st_size / 1e6
        reset_peak()
        before = rss_mb()
        wall = time.perf_counter()
        response = client.get("/pledges/export.csv")
        stream = iter(response.streaming_content)
        next(stream)
        result["csv_first_byte_ms"] = (time.perf_counter() - wall) * 1000
        for _chunk in stream:
            pass
        response.close()
        result["csv_serve_s"] = time.perf_counter() - wall
        result["csv_serve_rss_mb"] = rss_mb(field="VmHWM") - before
        print(f"  csv: {json.dumps({k: v for k, v in result.items() if k.startswith('csv')})}", flush=True)

    # Publication → visible on /pledges/, the index rebuilt by the worker's task.
    if not args.no_publication:
        env = dict(os.environ)
        log = open(f"/tmp/imrf-scaling-celery-{NAMES[size]}.log", "w")  # noqa: SIM115
        worker = subprocess.Popen(
            [str(ROOT / ".venv/bin/celery"), "-A", "imrf_portal", "worker", "--pool", "solo", "-l", "info",
             "-Q", "celery", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.time() + 120
            while "ready." not in Path(log.name).read_text() and time.time() < deadline:
                time.sleep(0.2)
            time.sleep(2)  # its start-up build (warm_registry_index: loaded from the cache)
            pledge = Pledge.objects.filter(state=PledgeState.SUBMITTED, published_at=None).order_by("pk").first()
            Pledge.objects.filter(pk=pledge.pk).update(check_in_scope=True, check_measurable=True, check_objectives=True)
            pledge.refresh_from_db()
            with transaction.atomic():
                services.set_pledge_state(pledge, PledgeState.PUBLISHED, by=None)
            committed = time.perf_counter()
            polls = 0
            while time.perf_counter() - committed < 600:
                polls += 1
                if pledge.reference in client.get("/pledges/").content.decode():
                    break
                time.sleep(0.02)
            result["publication_visible_s"] = time.perf_counter() - committed
            result["publication_polls"] = polls
        finally:
            worker.send_signal(3)  # SIGQUIT: cold shutdown; the CSV task it began is dropped
            worker.wait(timeout=60)
            log.close()
        subprocess.run([str(ROOT / ".venv/bin/celery"), "-A", "imrf_portal", "purge", "-f"],
                       cwd=ROOT, env=env, capture_output=True)  # fmt: skip
        print(f"  publication visible after {result['publication_visible_s']:.2f} s", flush=True)
    print("RESULT " + json.dumps(result), flush=True)


def fresh_load(size, args):
    """A fresh process: its RSS before and after it loads the shared index."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imrf_portal.settings")
    import django

    django.setup()
    import pledges.views  # noqa: F401 - what a worker imports before its first request
    from pledges.registry import index

    before = rss_mb()
    wall = time.perf_counter()
    loaded = index.refresh()
    print("RESULT " + json.dumps({
        "fresh_rss_before_mb": before, "fresh_rss_after_mb": rss_mb(),
        "fresh_load_s": time.perf_counter() - wall, "fresh_builds": index.builds, "fresh_size": loaded.size,
    }), flush=True)  # fmt: skip


def worker_rss(size, env, args):
    """One gunicorn worker with the production settings: its RSS once it has loaded the index,
    then after 50 varied registry requests."""
    env = dict(env, DEBUG="false", SITE_URL=f"http://127.0.0.1:{args.port}", TRUSTED_PROXIES="127.0.0.1",
               SECRET_KEY="scaling-benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
               STATIC_ROOT="/tmp/imrf-scaling-static")  # fmt: skip
    if not Path("/tmp/imrf-scaling-static").exists():
        manage(env, "collectstatic", "--noinput", "-v0")
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "imrf_portal.wsgi", "-c", "imrf_portal/gunicorn.conf.py", "--workers", "1",
         "--bind", f"127.0.0.1:{args.port}", "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    found = {}
    try:
        base = f"http://127.0.0.1:{args.port}"

        def get(path):
            request = urllib.request.Request(base + path, headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310 - our own server
                return answer.read()

        deadline = time.time() + 300
        while time.time() < deadline:
            try:
                get("/healthz")
                break
            except OSError:
                time.sleep(0.5)
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        pid = children[0]
        found["worker_rss_loaded_mb"] = rss_mb(pid)
        rng = random.Random(11)
        sys.path.insert(0, str(ROOT))
        from bench.registry import SEARCH_WORDS

        regions = ["Africa", "Americas", "Asia", "Europe", "Oceania"]
        paths = []
        for n in range(50):
            choice = n % 5
            if choice == 0:
                paths.append(f"/pledges/?page={rng.randint(1, 20)}")
            elif choice == 1:
                paths.append(f"/pledges/?objective={rng.randint(1, 23)}&sort=title")
            elif choice == 2:
                paths.append(f"/pledges/?q={rng.choice(SEARCH_WORDS)}")
            elif choice == 3:
                paths.append(f"/pledges/?objective={rng.randint(1, 23)}&region={rng.choice(regions)}"
                             f"&q={'+'.join(rng.sample(SEARCH_WORDS, 2))}")  # fmt: skip
            else:
                paths.append(f"/pledges/?region={rng.choice(regions)}&sort=reported&page={rng.randint(1, 5)}")
        times = []
        for path in paths:
            wall = time.perf_counter()
            get(path)
            times.append(time.perf_counter() - wall)
        found["worker_rss_served_mb"] = rss_mb(pid)
        found["worker_peak_mb"] = rss_mb(pid, "VmHWM")
        found["worker_p50_ms"] = statistics.median(times) * 1000
    finally:
        server.terminate()
        server.wait(timeout=60)
    return found


def child(mode, size, env, args):
    argv = [PY, __file__, f"--{mode}", str(size), "--requests", str(args.requests), "--redis", args.redis]
    if args.no_publication:
        argv.append("--no-publication")
    if args.no_csv:
        argv.append("--no-csv")
    found = None
    with subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:
            if line.startswith("RESULT "):
                found = json.loads(line[7:])
            else:
                print(line, end="", flush=True)
    if process.returncode:
        raise SystemExit(f"{argv} failed ({process.returncode})")
    return found


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def table(results):
    names = list(NAMES.values())
    sizes = [r["size"] for r in results]
    rows = [("", *(f"{s:,}" for s in sizes))]
    for shape in results[0]["shapes"]:
        rows.append(
            (f"{shape}: wall p50 / p95 ms (CPU)", *(
                f"{r['shapes'][shape]['p50']:.0f} / {r['shapes'][shape]['p95']:.0f} "
                f"({r['shapes'][shape]['cpu_p50']:.0f} / {r['shapes'][shape]['cpu_p95']:.0f})" for r in results))
        )
    rows += [
        ("index build s (CPU s)", *(f"{r['build_s']:.1f} ({r['build_cpu_s']:.1f})" for r in results)),
        ("index build peak MB (traced)", *(f"{r['build_peak_mb']:.0f}" for r in results)),
        ("index built / loaded MB (traced)", *(f"{r['built_mb']:.1f} / {r['loaded_mb']:.1f}" for r in results)),
        ("index in the cache MB, load ms", *(f"{r['shared_mb']:.1f}, {r['load_s'] * 1000:.0f}" for r in results)),
        ("fresh process RSS + index MB", *(f"{r['fresh_rss_after_mb'] - r['fresh_rss_before_mb']:.0f}" for r in results)),
        ("gunicorn worker RSS: loaded / after 50 requests MB", *(f"{r['worker_rss_loaded_mb']:.0f} / {r['worker_rss_served_mb']:.0f}" for r in results)),
        ("publication → visible s", *(f"{r.get('publication_visible_s', float('nan')):.1f}" for r in results)),
        ("CSV file: build s (CPU s), MB, RSS + MB", *(f"{r['csv_build_s']:.0f} ({r['csv_build_cpu_s']:.0f}), {r['csv_mb']:.0f}, {r['csv_build_rss_mb']:.0f}" if "csv_mb" in r else "not measured" for r in results)),
        ("CSV served: first byte ms, total s, RSS + MB", *(f"{r['csv_first_byte_ms']:.0f}, {r['csv_serve_s']:.1f}, {r['csv_serve_rss_mb']:.0f}" if "csv_mb" in r else "not measured" for r in results)),
        ("load average during the run", *(r["load"] for r in results)),
    ]  # fmt: skip
    del names
    width = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print(" | ".join(cell.ljust(width[i]) for i, cell in enumerate(row)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(NAMES))
    parser.add_argument("--requests", type=int, default=100, help="requests per shape (bench/registry.py's shapes)")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/3"))
    parser.add_argument("--port", type=int, default=8103)
    parser.add_argument("--prefix", help="database names <prefix>_10k ... (default imrf_S_...)")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--no-load-copy", action="store_true", help=f"do not start the 100,000 from {SEED_SOURCE}")
    parser.add_argument("--no-publication", action="store_true")
    parser.add_argument("--no-csv", action="store_true", help="skip the CSV export (at a million, minutes on a busy machine)")
    parser.add_argument("--seed-only", action="store_true")
    parser.add_argument("--worker-only", action="store_true", help="only the fresh process's and the worker's memory")
    parser.add_argument("--json", help="append each size's figures to this file (JSON lines)")
    parser.add_argument("--table", help="print the table of the figures in this --json file, and stop")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--fresh-load", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args.measure, args)
    if args.fresh_load:
        return fresh_load(args.fresh_load, args)
    if args.table:
        latest = {}
        for line in Path(args.table).read_text().splitlines():
            figures = json.loads(line)
            latest[figures["size"]] = figures
        return table([latest[size] for size in sorted(latest)])
    results = []
    for size in args.sizes:
        db, comment = prepare(size, args)
        print(f"== {size:,}: {db}: {comment}", flush=True)
        if args.seed_only:
            continue
        env = env_for(db, size, args)
        start_load = load_average()
        result = {"size": size} if args.worker_only else child("measure", size, env, args)
        result.update(child("fresh-load", size, env, args))
        result.update(worker_rss(size, env, args))
        result["load"] = f"{start_load} → {load_average()}"
        result["db"] = db
        print(json.dumps(result), flush=True)
        if args.json:
            with open(args.json, "a") as out:
                out.write(json.dumps(result) + "\n")
        results.append(result)
    if results and not args.worker_only:
        table(results)


if __name__ == "__main__":
    main()
