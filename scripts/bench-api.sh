#!/usr/bin/env bash
# Benchmark of the read API (issue 2).
#
# Seeds 50 cities with one plan and 60 actions each through the HTTP API, then loads the
# running release binary with wrk on loopback: a plan's action list, one action, a plan's
# coverage, and /healthz as the ceiling of the same binary, in the same run. Prints
# requests/s, p50/p99 latency, the server's idle and peak RSS, and verdicts against the
# targets: action list >= 0.3 x /healthz's rate; idle RSS < 30 MB.
#
# Usage (from anywhere):  bash scripts/bench-api.sh
#
# Environment:
#   BENCH_SECONDS      seconds of load per endpoint (default 10)
#   BENCH_WARMUP       seconds of unrecorded load before each endpoint (default 2; 0 skips)
#   BENCH_THREADS      wrk threads (default 2)
#   BENCH_CONNECTIONS  wrk connections (default 16)
#   BENCH_CITIES       cities to seed (default 50), BENCH_ACTIONS actions per plan (default 60)
#   BENCH_BIN=PATH     bench this binary instead of building target/release/charter-tracker
#   BENCH_KEEP=1       keep the temporary working folder (database, server log) afterwards
#   DATABASE_URL       postgres://USER@HOST[:PORT]/DB benches on PostgreSQL: a fresh database
#                      is created next to DB on that server and dropped on exit.
#                      Unset (default): a fresh SQLite file in a temporary folder.
#   CHARTER_TRACKER__*, RUST_LOG and CHARTER_TRACKER_ENV reach the server as usual.
#
# Exits 0 when the benchmark ran, whatever the verdicts; non-zero when something broke.
set -euo pipefail

SECONDS_PER_ENDPOINT="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP:-2}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
CITIES="${BENCH_CITIES:-50}"
ACTIONS="${BENCH_ACTIONS:-60}"
TARGET_RATIO="0.3"
TARGET_IDLE_MB="30"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEED="$REPO/scripts/bench_seed.py"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench-api: %s\n' "$*" >&2; exit 1; }

for v in SECONDS_PER_ENDPOINT WARMUP THREADS CONNECTIONS CITIES ACTIONS; do
    [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a whole number (got '${!v}')"
done
((SECONDS_PER_ENDPOINT >= 1)) || die "BENCH_SECONDS must be at least 1"
((CONNECTIONS >= THREADS && THREADS >= 1)) || die "need BENCH_CONNECTIONS >= BENCH_THREADS >= 1"
((CITIES >= 1 && ACTIONS >= 1)) || die "BENCH_CITIES and BENCH_ACTIONS must be at least 1"

# --- tools -------------------------------------------------------------------------------
command -v python3 >/dev/null || die "python3 is required (for seeding)"
command -v curl >/dev/null || die "curl is required"
if ! command -v wrk >/dev/null; then
    say "installing wrk (apt-get install -y wrk)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; } \
        || die "could not install wrk with apt-get"
fi

if [[ -n "${BENCH_BIN:-}" ]]; then
    BIN="$(readlink -f -- "$BENCH_BIN" || echo "$BENCH_BIN")"
    say "using $BIN (BENCH_BIN; not building)"
else
    say "building the release binary (cargo build --release -j1; waits if another build holds the lock)"
    (cd "$REPO" && cargo build --release -j1 --bin charter-tracker) >&2 || die "the release build failed"
    BIN="$REPO/target/release/charter-tracker"
fi
[[ -x "$BIN" ]] || die "no binary at $BIN"

# --- state and cleanup -------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/charter-bench.XXXXXX")"
SERVER_PID=""
PG_ADMIN_URL=""
PG_DB=""

cleanup() {
    local rc=$?
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n "$PG_DB" ]]; then
        timeout 30 psql "$PG_ADMIN_URL" -v ON_ERROR_STOP=1 -qAtc "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 \
            || printf 'bench-api: could not drop database %s; drop it by hand\n' "$PG_DB" >&2
    fi
    if ((rc != 0)) && [[ -f "$WORK/server.log" ]]; then
        printf -- '--- last lines of the server log ---\n' >&2
        tail -n 20 "$WORK/server.log" >&2 || true
    fi
    if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
        printf 'bench-api: kept %s\n' "$WORK" >&2
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$WORK"   # no ./config here: the server runs on its built-in defaults

# --- database ----------------------------------------------------------------------------
BACKEND="sqlite"
if [[ "${DATABASE_URL:-}" =~ ^postgres(ql)?:// ]]; then
    BACKEND="postgresql"
    command -v psql >/dev/null || die "psql is required to create the benchmark database"
    PG_ADMIN_URL="$DATABASE_URL"
    PG_DB="charter_bench_$(date +%Y%m%d%H%M%S)_$$"
    # The same server, user and options as DATABASE_URL, with the database replaced.
    BENCH_URL="$(python3 - "$PG_ADMIN_URL" "$PG_DB" <<'EOF'
import sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
print(urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + sys.argv[2], u.query, u.fragment)))
EOF
)"
    say "creating PostgreSQL database $PG_DB"
    timeout 30 psql "$PG_ADMIN_URL" -v ON_ERROR_STOP=1 -qAtc "CREATE DATABASE \"$PG_DB\"" >/dev/null \
        || { PG_DB=""; die "could not create a database with psql \"\$DATABASE_URL\""; }
    export DATABASE_URL="$BENCH_URL"
else
    if [[ -n "${DATABASE_URL:-}" ]]; then
        say "DATABASE_URL is not postgres://; benching on a fresh SQLite file instead"
    fi
    unset DATABASE_URL   # default: sqlite://data/charter-tracker.db under $WORK
fi

# --- server ------------------------------------------------------------------------------
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"

say "creating a secretariat user and token"
timeout 60 "$BIN" user add --email bench@example.org --role secretariat </dev/null >/dev/null 2>"$WORK/cli.log" \
    || { cat "$WORK/cli.log" >&2; die "user add failed"; }
TOKEN="$(timeout 60 "$BIN" token issue --email bench@example.org --label bench 2>>"$WORK/cli.log")" \
    || { cat "$WORK/cli.log" >&2; die "token issue failed"; }
[[ -n "$TOKEN" ]] || die "token issue printed no token"

say "starting the server on 127.0.0.1:$PORT ($BACKEND)"
"$BIN" serve --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited during start-up"
    curl -fsS -o /dev/null --max-time 2 "$BASE/healthz" 2>/dev/null && break
    sleep 0.1
done
curl -fsS -o /dev/null --max-time 2 "$BASE/healthz" || die "the server did not answer /healthz within 30s"

rss_kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$SERVER_PID/status"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }
START_RSS_KB="$(rss_kb VmRSS)"
SERVER_THREADS="$(awk '$1 == "Threads:" { print $2 }' "/proc/$SERVER_PID/status")"

# --- seed --------------------------------------------------------------------------------
say "seeding $CITIES cities x $ACTIONS actions over HTTP"
timeout 600 python3 "$SEED" --port "$PORT" --token "$TOKEN" --cities "$CITIES" --actions "$ACTIONS" \
    --out "$WORK/seed.json" || die "seeding failed"
sleep 3   # let the server settle before reading its idle RSS
IDLE_RSS_KB="$(rss_kb VmRSS)"

# --- load --------------------------------------------------------------------------------
# One Lua script per endpoint: requests are pre-formatted once per wrk thread and picked at
# random, so the load spreads over every seeded plan or action at almost no client cost.
make_lua() { # name, then paths on stdin
    local name="$1" lua="$WORK/$1.lua"
    {
        echo 'local paths = {'
        while read -r p; do printf '  "%s",\n' "$p"; done
        echo '}'
        cat <<EOF
local token = "$TOKEN"
local counter = 0
local reqs = {}
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end
function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
  local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  for i, p in ipairs(paths) do reqs[i] = wrk.format("GET", p, headers) end
end
function request()
  return reqs[math.random(#reqs)]
end
EOF
    } >"$lua"
    echo "$lua"
}

py_list() { python3 -c "import json,sys; d=json.load(open('$WORK/seed.json')); print('\n'.join(sys.argv[1].format(i) for i in d[sys.argv[2]]))" "$@"; }

ENDPOINTS=(healthz actions action coverage)
declare -A LABEL=(
    [healthz]="GET /healthz"
    [actions]="GET /plans/{id}/actions?per_page=60"
    [action]="GET /actions/{id}"
    [coverage]="GET /plans/{id}/coverage"
)
declare -A LUA
LUA[healthz]="$(echo "/healthz" | make_lua healthz)"
LUA[actions]="$(py_list "/api/v1/plans/{}/actions?per_page=$ACTIONS" plans | make_lua actions)"
LUA[action]="$(py_list "/api/v1/actions/{}" actions | make_lua action)"
LUA[coverage]="$(py_list "/api/v1/plans/{}/coverage" plans | make_lua coverage)"

FIRST_PLAN="$(python3 -c "import json; print(json.load(open('$WORK/seed.json'))['plans'][0])")"
FIRST_ACTION="$(python3 -c "import json; print(json.load(open('$WORK/seed.json'))['actions'][0])")"
declare -A PROBE=(
    [healthz]="/healthz"
    [actions]="/api/v1/plans/$FIRST_PLAN/actions?per_page=$ACTIONS"
    [action]="/api/v1/actions/$FIRST_ACTION"
    [coverage]="/api/v1/plans/$FIRST_PLAN/coverage"
)

# Sanity check: every endpoint answers 200 before we time it; note the body size.
declare -A BYTES
for e in "${ENDPOINTS[@]}"; do
    out="$(curl -sS -o /dev/null --max-time 10 -w '%{http_code} %{size_download}' \
        -H "Authorization: Bearer $TOKEN" "$BASE${PROBE[$e]}")" || die "GET ${PROBE[$e]} failed"
    [[ "${out%% *}" == 200 ]] || die "GET ${PROBE[$e]} answered ${out%% *}, not 200"
    BYTES[$e]="${out##* }"
done
if [[ "$(curl -sS --max-time 10 -H "Authorization: Bearer $TOKEN" "$BASE${PROBE[actions]}" \
        | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')" != "$ACTIONS" ]]; then
    die "the action list did not return $ACTIONS items"
fi

# wrk's latency figures come with a unit (us, ms, s, m); convert to milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

declare -A RPS P50 P99 ERRS
for e in "${ENDPOINTS[@]}"; do
    if ((WARMUP > 0)); then
        timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "${LUA[$e]}" "$BASE" >/dev/null \
            || die "wrk warm-up failed for ${LABEL[$e]}"
    fi
    say "wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_ENDPOINT}s --latency: ${LABEL[$e]}"
    timeout $((SECONDS_PER_ENDPOINT + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_ENDPOINT}s" \
        --timeout 10s --latency -s "${LUA[$e]}" "$BASE" >"$WORK/wrk-$e.txt" 2>&1 \
        || { cat "$WORK/wrk-$e.txt" >&2; die "wrk failed for ${LABEL[$e]}"; }
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server died under load (${LABEL[$e]})"
    RPS[$e]="$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk-$e.txt")"
    P50[$e]="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk-$e.txt")")"
    P99[$e]="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$e.txt")")"
    non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$WORK/wrk-$e.txt")"
    sockerr="$(awk '/Socket errors:/ { s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i; print s }' "$WORK/wrk-$e.txt")"
    ERRS[$e]=$(( ${non2xx:-0} + ${sockerr:-0} ))
    [[ -n "${RPS[$e]}" ]] || { cat "$WORK/wrk-$e.txt" >&2; die "could not read wrk's output for ${LABEL[$e]}"; }
done

sleep 2
AFTER_RSS_KB="$(rss_kb VmRSS)"
PEAK_RSS_KB="$(rss_kb VmHWM)"

# --- report ------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
ROWS_FMT='%-38s %10s %8s %9s %9s %9s %7s\n'

echo
echo "charter-tracker API benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
if [[ -n "${BENCH_BIN:-}" ]]; then
    echo "  binary:   $BIN"
else
    echo "  binary:   $BIN ($(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO" diff --quiet HEAD -- src migrations 2>/dev/null || echo ', working tree modified'))"
fi
echo "  backend:  $BACKEND; data: $CITIES cities x 1 plan x $ACTIONS actions"
echo "  host:     $(nproc) CPUs shared by server and wrk; server threads at start: $SERVER_THREADS"
echo "  load:     wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_ENDPOINT}s (after ${WARMUP}s warm-up), loopback, random ids, no gzip"
echo
# shellcheck disable=SC2059
printf "$ROWS_FMT" "endpoint" "req/s" "x healthz" "p50 ms" "p99 ms" "bytes" "errors"
printf "$ROWS_FMT" "--------" "-----" "---------" "------" "------" "-----" "------"
for e in "${ENDPOINTS[@]}"; do
    # shellcheck disable=SC2059
    printf "$ROWS_FMT" "${LABEL[$e]}" "$(printf '%.0f' "${RPS[$e]}")" "$(ratio "${RPS[$e]}" "${RPS[healthz]}")" \
        "${P50[$e]}" "${P99[$e]}" "${BYTES[$e]}" "${ERRS[$e]}"
done
echo
echo "server RSS: at start $(mb "$START_RSS_KB") MB; idle after seeding $(mb "$IDLE_RSS_KB") MB;" \
     "after load $(mb "$AFTER_RSS_KB") MB; peak (VmHWM) $(mb "$PEAK_RSS_KB") MB"
echo

RATIO="$(ratio "${RPS[actions]}" "${RPS[healthz]}")"
if awk -v r="$RATIO" -v t="$TARGET_RATIO" 'BEGIN { exit !(r + 0 >= t) }'; then v1=PASS; else v1=FAIL; fi
if awk -v kb="$IDLE_RSS_KB" -v t="$TARGET_IDLE_MB" 'BEGIN { exit !(kb / 1024 < t) }'; then v2=PASS; else v2=FAIL; fi
echo "$v1  action list at $RATIO x /healthz's rate (target >= $TARGET_RATIO)"
echo "$v2  idle RSS $(mb "$IDLE_RSS_KB") MB (target < $TARGET_IDLE_MB MB)"
total_errs=0
for e in "${ENDPOINTS[@]}"; do total_errs=$((total_errs + ERRS[$e])); done
if ((total_errs > 0)); then
    echo "WARN  $total_errs non-2xx responses or socket errors under load; see the errors column"
fi
