#!/usr/bin/env bash
# Search over HTTP at network scale (issue 12): 2,000 cities x 50 actions seeded in bulk
# (`cargo bench --bench search -- seed`), the release server on that database, and wrk
# (-t2 -c16 by default) on /healthz (the baseline, same run), then on GET /api/v1/actions and
# the /actions page with words and two facets (five searches taken at random), facets included.
# Prints req/s, p50 and p99, the ratio to /healthz, and the verdict on the target (p99 < 20 ms).
#
#   bash scripts/bench-search.sh                 # SQLite in a temporary folder
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bash scripts/bench-search.sh
#
# BENCH_SECONDS (default 10), BENCH_CONNECTIONS (16), BENCH_THREADS (2), CITIES (2000),
# ACTIONS (50 per city). Exits 0 when the benchmark ran, whatever the verdicts.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECS="${BENCH_SECONDS:-10}"; CONNS="${BENCH_CONNECTIONS:-16}"; THREADS="${BENCH_THREADS:-2}"
say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench-search: %s\n' "$*" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
    say "installing wrk"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || die "no wrk"
fi
say "building the release binary and the seeder"
(cd "$REPO" && cargo build --release --quiet --bin charter-tracker && cargo bench --bench search --no-run --quiet) >&2
BIN="$REPO/target/release/charter-tracker"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/charter-search.XXXXXX")"
SERVER_PID=""; PG_DB=""; PG_ADMIN=""
cleanup() {
    [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    [[ -n "$PG_DB" ]] && psql "$PG_ADMIN" -qAtc "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"

if [[ "${DATABASE_URL:-}" =~ ^postgres(ql)?:// ]]; then
    PG_ADMIN="$DATABASE_URL"; PG_DB="charter_search_$$"
    psql "$PG_ADMIN" -qAtc "CREATE DATABASE \"$PG_DB\"" >/dev/null || die "could not create a database"
    export DATABASE_URL="${PG_ADMIN%/*}/$PG_DB"
    BACKEND=postgresql
else
    unset DATABASE_URL
    mkdir -p data
    BACKEND=sqlite
fi
TARGET="${DATABASE_URL:-sqlite://$WORK/data/charter-tracker.db}"
say "seeding ${CITIES:-2000} cities x ${ACTIONS:-50} actions ($BACKEND)"
(cd "$REPO" && cargo bench --bench search --quiet -- seed "$TARGET") >&2

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
"$BIN" serve --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "$BASE/healthz" || { tail "$WORK/server.log" >&2; die "the server did not start"; }

SEARCHES=("q=language+cafe&role=SP&country=FR" "q=mentoring&role=EM&country=FR" "q=housing+advice&role=SP&country=PL"
          "q=training&role=EM&country=SE" "q=welcome+desk&role=PM&country=IT")
lua() { # prefix -> a script picking one of the searches at random
    { echo 'local paths = {'; for s in "${SEARCHES[@]}"; do printf '  "%s?%s",\n' "$1" "$s"; done; echo '}'
      echo 'function request() return wrk.format("GET", paths[math.random(#paths)]) end'; } >"$WORK/$2.lua"
    echo "$WORK/$2.lua"
}
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u); if (u == "us") n /= 1000; else if (u == "s") n *= 1000; printf "%.2f", n }'; }
run() { # label, script or path
    local out="$WORK/wrk.txt"
    if [[ "$2" == /* && -f "$2" ]]; then wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency -s "$2" "$BASE" >"$out"
    else wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency "$BASE$2" >"$out"; fi
    RPS="$(awk '/^Requests\/sec:/ { print $2 }' "$out")"
    P50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")"; P99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")"
    ERR="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")"
    printf '%-58s %9s req/s  p50 %7s ms  p99 %7s ms  errors %s\n' "$1" "$RPS" "$P50" "$P99" "${ERR:-0}"
}
echo "search over HTTP, $BACKEND, $(date -u +%F), $(nproc) cores, wrk -t$THREADS -c$CONNS -d${SECS}s"
run "GET /healthz (baseline)" /healthz; BASE_RPS="$RPS"
for what in "/api/v1/actions" "/actions"; do
    run "GET $what, words + role + country" "$(lua "$what" "s${what//\//_}")"
    verdict=$(awk -v p="$P99" 'BEGIN { print (p < 20 ? "met" : "NOT met") }')
    printf '   ratio to /healthz %.3f; target p99 < 20 ms: %s\n' "$(awk -v a="$RPS" -v b="$BASE_RPS" 'BEGIN { print a / b }')" "$verdict"
done
run "GET /actions (landing: every public action's facets)" /actions
