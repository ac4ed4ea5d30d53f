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
# wrk plays the TLS-terminating proxy (X-Forwarded-Proto: https) from this machine.
export TRUSTED_PROXIES=127.0.0.1
PY=.venv/bin/python
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 2; }

db=${DATABASE_URL##*/}
psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
  || createdb -h 127.0.0.1 -U postgres "$db"
$PY manage.py migrate --noinput -v0
$PY manage.py seed_demo --no-admin >/dev/null
$PY bench/registry.py --pledges "$PLEDGES" --seed-only
$PY manage.py collectstatic --noinput -v0

.venv/bin/gunicorn imrf_portal.wsgi -c imrf_portal/gunicorn.conf.py --workers "$WORKERS" --bind "127.0.0.1:$PORT" --log-level warning &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 60); do curl -fsS -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

reference=$($PY -c "
import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'imrf_portal.settings'); django.setup()
from pledges.models import Pledge
print(Pledge.objects.published().order_by('reference').values_list('reference', flat=True)[500])")

pages=(
  "trivial view|/robots.txt"
  "home|/"
  "programme|/forums/2026/programme/"
  "registry|/pledges/"
  "registry, filtered|/pledges/?objective=5&region=Africa&q=migrant+workers"
  "pledge page|/pledges/$reference/"
)

printf '%-20s %10s %9s %9s %9s %9s %8s %8s\n' page req/s p50 p90 p99 max errors ratio
ceiling=""
for entry in "${pages[@]}"; do
  name=${entry%%|*}; path=${entry#*|}
  # Warm the caches and every worker (its connections, its registry index) the way a live site
  # would be warm, then measure.
  curl -fsS -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT$path"
  wrk -t2 -c"$CONNECTIONS" -d3s -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT$path" >/dev/null
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '/^ +50%/ {print $2}' <<<"$out"); p90=$(awk '/^ +90%/ {print $2}' <<<"$out")
  p99=$(awk '/^ +99%/ {print $2}' <<<"$out"); max=$(awk '/Latency/ && !/Distribution/ {print $4; exit}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); socket=$(awk -F'[ ,]+' '/Socket errors/ {print $5+$7+$9+$11}' <<<"$out")
  errors=$(( ${non2xx:-0} + ${socket:-0} ))
  [ -z "$ceiling" ] && ceiling=$rps
  ratio=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN {printf "%.2f", a / b}')
  printf '%-20s %10s %9s %9s %9s %9s %8s %8s\n' "$name" "$rps" "$p50" "$p90" "$p99" "$max" "$errors" "$ratio"
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
  out=$(LONGTAIL_PATHS=$file wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/longtail.lua -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '/^ +50%/ {print $2}' <<<"$out"); p90=$(awk '/^ +90%/ {print $2}' <<<"$out")
  p99=$(awk '/^ +99%/ {print $2}' <<<"$out"); max=$(awk '/Latency/ && !/Distribution/ {print $4; exit}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); socket=$(awk -F'[ ,]+' '/Socket errors/ {print $5+$7+$9+$11}' <<<"$out")
  errors=$(( ${non2xx:-0} + ${socket:-0} ))
  ratio=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN {printf "%.3f", a / b}')
  printf '%-20s %10s %9s %9s %9s %9s %8s %8s\n' "$name" "$rps" "$p50" "$p90" "$p99" "$max" "$errors" "$ratio"
done
echo "($CONNECTIONS connections, ${DURATION}s each, $WORKERS gunicorn workers, $PLEDGES pledges, page cache ${PAGE_CACHE_SECONDS:-300} s; targets: no errors, p99 < 250 ms, registry ratio >= 0.5)"
