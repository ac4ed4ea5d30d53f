#!/usr/bin/env bash
# Load benchmark (not a test): production settings under gunicorn against PostgreSQL and Redis,
# seeded with 100,000 pledges; wrk drives each page at 32 connections for 30 s, and a trivial
# Django view (/robots.txt) in the same run as the ceiling of this stack.
#
#   bash bench/load.sh                # seeds once into the database imrf_load, then measures
#   PLEDGES=20000 DURATION=10 bash bench/load.sh
#   PAGE_CACHE_SECONDS=0 bash bench/load.sh   # the same without the anonymous page cache
#
# Needs wrk (apt-get install wrk), PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379.
set -euo pipefail
cd "$(dirname "$0")/.."

PLEDGES=${PLEDGES:-100000}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-32}
WORKERS=${WORKERS:-4}
PORT=${PORT:-8765}
export DATABASE_URL=${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/imrf_load}
export REDIS_URL=${LOAD_REDIS_URL:-redis://127.0.0.1:6379/9}
export DEBUG=false ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL=http://127.0.0.1:$PORT
export SECRET_KEY=load-benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz
export STATIC_ROOT=${STATIC_ROOT:-/tmp/imrf-load-static} DATABASE_POOL_MAX_SIZE=8
# As the Dockerfile sets them for every process.
export MALLOC_MMAP_THRESHOLD_=65536 MALLOC_TRIM_THRESHOLD_=131072
# wrk plays the TLS-terminating proxy (X-Forwarded-Proto: https) from this machine.
export TRUSTED_PROXIES=127.0.0.1
PY=.venv/bin/python
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 2; }

db=${DATABASE_URL##*/}
psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
  || createdb -h 127.0.0.1 -U postgres "$db"
$PY manage.py migrate --noinput -v0
# The demo's forums, organisations and programme once (again, it rebuilds the open-data dump and
# the CSV of 100,000 pledges: minutes).
if [ "$(psql -h 127.0.0.1 -U postgres -d "$db" -tAc 'SELECT count(*) FROM forums_forum' 2>/dev/null)" = "0" ]; then
  $PY manage.py seed_demo --no-admin >/dev/null
fi
$PY bench/registry.py --pledges "$PLEDGES" --seed-only
# Fresh statistics for every table: autovacuum may not have analysed the seeded ones yet, and a
# planner that believes them empty scans them (a pledge page's reports read 94,000 values).
psql -h 127.0.0.1 -U postgres -d "$db" -qc ANALYZE
$PY manage.py collectstatic --noinput -v0

load_before=$(cut -d' ' -f1 /proc/loadavg)
.venv/bin/gunicorn imrf_portal.wsgi -c imrf_portal/gunicorn.conf.py --workers "$WORKERS" --bind "127.0.0.1:$PORT" --log-level warning &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 60); do curl -fsS -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

# The pages, their paths and whether they are asked for signed in (bench/pages.py knows them).
mapfile -t pages < <($PY bench/pages.py --print-urls)
pages=("trivial view|/robots.txt|" "${pages[@]}")
cookie=$($PY bench/pages.py --print-cookie)
# Issue 19's targets: the ratio to the trivial view with the page cache off.
declare -A target=([home]=0.3 [forum]=0.3 [objective]=0.3 [session]=0.3 [programme]=0.2 [registry]=0.15
  ["registry, filtered"]=0.15 [pledge]=0.25 [dashboard]=0.2 ["my pledges"]=0.2 ["registry, long tail"]=0.1)

measure() {  # name, then wrk's arguments; prints one row
  local name=$1; shift
  local out rps p50 p90 p99 max non2xx socket errors ratio goal verdict
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "X-Forwarded-Proto: https" "$@")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '/^ +50%/ {print $2}' <<<"$out"); p90=$(awk '/^ +90%/ {print $2}' <<<"$out")
  p99=$(awk '/^ +99%/ {print $2}' <<<"$out"); max=$(awk '/Latency/ && !/Distribution/ {print $4; exit}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); socket=$(awk -F'[ ,]+' '/Socket errors/ {print $5+$7+$9+$11}' <<<"$out")
  errors=$(( ${non2xx:-0} + ${socket:-0} ))
  [ -z "$ceiling" ] && ceiling=$rps
  ratio=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN {printf "%.3f", a / b}')
  goal=${target[$name]:-}
  verdict=""
  # Met: the ratio reached, p99 under 250 ms (wrk prints us, ms or s), no errors.
  [ -n "$goal" ] && verdict=$(awk -v r="$ratio" -v g="$goal" -v p="$p99" -v e="$errors" 'BEGIN {
    ms = p + 0; if (p ~ /us$/) ms /= 1000; else if (p ~ /[0-9]s$/) ms *= 1000
    print (r >= g && ms < 250 && e == 0 ? "met" : "NOT met") }')
  printf '%-24s %10s %9s %9s %9s %9s %7s %7s %7s %s\n' "$name" "$rps" "$p50" "$p90" "$p99" "$max" "$errors" "$ratio" "$goal" "$verdict"
}

printf '%-24s %10s %9s %9s %9s %9s %7s %7s %7s\n' page req/s p50 p90 p99 max errors ratio target
ceiling=""
for entry in "${pages[@]}"; do
  IFS='|' read -r name path signed <<<"$entry"
  headers=(-H "X-Forwarded-Proto: https")
  [ -n "$signed" ] && headers+=(-H "Cookie: $cookie")
  # Warm the caches and every worker (its connections, its registry index) the way a live site
  # would be warm, then measure.
  curl -fsS -o /dev/null "${headers[@]}" "http://127.0.0.1:$PORT$path"
  wrk -t2 -c"$CONNECTIONS" -d3s "${headers[@]}" "http://127.0.0.1:$PORT$path" >/dev/null
  if [ -n "$signed" ]; then
    measure "$name" -H "Cookie: $cookie" "http://127.0.0.1:$PORT$path"
  else
    measure "$name" "http://127.0.0.1:$PORT$path"
  fi
done
# The long tail: a different search, or a different pledge page, on every request.
longtail=$(mktemp -d)
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$longtail"' EXIT
$PY -c "
import os, random, sys
import django
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'imrf_portal.settings'); django.setup()
sys.path.insert(0, 'bench')
from registry import SEARCH_WORDS
from pledges.models import Pledge
rng = random.Random(19)
with open('$longtail/searches.txt', 'w') as out:
    for _ in range(40000):
        words = '+'.join(rng.sample(SEARCH_WORDS, rng.choice((1, 2, 3))))
        out.write(f'/pledges/?q={words}&objective={rng.randint(1, 23)}\\n' if rng.random() < 0.5 else f'/pledges/?q={words}&page={rng.randint(1, 4)}\\n')
references = list(Pledge.objects.published().values_list('reference', flat=True))
rng.shuffle(references)
with open('$longtail/pledges.txt', 'w') as out:
    out.writelines(f'/pledges/{reference}/\\n' for reference in references)
"
for entry in "registry, long tail|searches" "pledge pages, long tail|pledges"; do
  name=${entry%%|*}; file=$longtail/${entry#*|}.txt
  LONGTAIL_PATHS=$file measure "$name" -s bench/longtail.lua "http://127.0.0.1:$PORT"
done
echo "($CONNECTIONS connections, ${DURATION}s each, $WORKERS gunicorn workers, $PLEDGES pledges, page cache ${PAGE_CACHE_SECONDS:-300} s; load average before: $load_before; targets with PAGE_CACHE_SECONDS=0: the ratios above, p99 < 250 ms, no errors)"
