#!/usr/bin/env bash
# Page and API throughput of a development site with the demo data, on
# loopback only, each wrk run bounded by its duration.  Run by hand:
#   bash benchmarks/run_pages.sh            (needs .venv from `make serve`, and wrk)
# Prints one wrk summary per scenario; copy them into benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-6560}
DURATION=${DURATION:-10s}
RUNS=${RUNS:-2}
BASE="http://127.0.0.1:$PORT"
site=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$site"' EXIT

sed -e "s|%(here)s/var|$site/var|g" -e "s|127.0.0.1:6543|127.0.0.1:$PORT|" \
    -e "s|^pyramid.reload_templates = true|pyramid.reload_templates = false|" \
    -e "s|^level = DEBUG|level = WARN|" -e "s|^level = INFO|level = WARN|" \
    development.ini > "$site/bench.ini"
sed -i "s|%(here)s/profiles|$PWD/profiles|; s|%(here)s/locales|$PWD/locales|" "$site/bench.ini"
.venv/bin/sherloc-admin install "$site/bench.ini" --profile demo > /dev/null
.venv/bin/pserve "$site/bench.ini" > "$site/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -fs -o /dev/null "$BASE/" && break; sleep 0.2; done

jar="$site/cookies"
token=$(curl -fs -c "$jar" -b "$jar" "$BASE/login" \
  | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -fs -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf_token=$token" \
  --data-urlencode login=focal-fra --data-urlencode "password=${SHERLOC_DEMO_PASSWORD:-sherloc-demo-2026}" \
  "$BASE/login"
cookie=$(awk '$6 == "sherloc_session" {print "sherloc_session=" $7}' "$jar")
bearer=$(curl -fs -H 'Content-Type: application/json' \
  -d "{\"login\": \"focal-fra\", \"password\": \"${SHERLOC_DEMO_PASSWORD:-sherloc-demo-2026}\"}" \
  "$BASE/api/v1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

bench() {  # name, path, extra wrk args...
  local name=$1 path=$2; shift 2
  for run in $(seq 1 "$RUNS"); do
    echo "== $name (run $run): GET $path"
    wrk -t2 -c16 -d"$DURATION" --latency "$@" "$BASE$path" \
      | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx'
  done
}
bench "front page, anonymous" /
bench "legislation listing, anonymous" /knowledge/legislation
bench "States table (198 rows), focal point session" /review/states -H "Cookie: $cookie"
bench "API states (JSON), bearer token" /api/v1/states -H "Authorization: Bearer $bearer"
