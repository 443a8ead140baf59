#!/usr/bin/env bash
# Several instances on one PostgreSQL database behind nginx (issue 15): reads scale, and
# nothing is done twice.
#
# Seeds a fresh PostgreSQL database (benches/scale.rs: INSTANCE_CITIES cities x
# INSTANCE_ACTIONS actions, 2 contacts each), then:
#   1. reads: wrk on an API list and the city page through one instance, then through nginx in
#      front of three (config/nginx.conf.example with loopback ports), /healthz beside each;
#   2. exactly once: the three instances all run the scheduler and the outbox worker (file
#      transport, each into its own folder) with a daily check-in schedule that fired a minute
#      ago, so all three race to open the same round and deliver its emails. It waits until
#      the outbox is empty and prints: rounds opened, check-ins, outbox rows by state, .eml
#      files written per instance, and distinct Message-IDs and idempotency keys among them.
#      PASS when one round opened, every email was sent and each was written exactly once.
#
# Usage:  bash scripts/bench-instances.sh
# Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres),
#   INSTANCE_CITIES (2000), INSTANCE_ACTIONS (20), BENCH_SECONDS (10), BENCH_CONNECTIONS (16),
#   BENCH_THREADS (2), BENCH_KEEP=1 keeps the working folder; BENCH_BIN and BENCH_SEEDER (the
#   server and the built benches/scale.rs) skip building.
set -euo pipefail

PG_SERVER="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
CITIES="${INSTANCE_CITIES:-2000}"
ACTIONS="${INSTANCE_ACTIONS:-20}"
SECS="${BENCH_SECONDS:-10}"
CONNS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench-instances: %s\n' "$*" >&2; exit 1; }

need_apt() {
    command -v "$1" >/dev/null && return 0
    say "installing $2 (apt-get install -y $2)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; } \
        || die "could not install $2 with apt-get"
}
need_apt wrk wrk
need_apt nginx nginx-light
need_apt psql postgresql-client
need_apt curl curl
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

if [[ -n "${BENCH_BIN:-}" && -n "${BENCH_SEEDER:-}" ]]; then
    BIN="$BENCH_BIN"; SEEDER="$BENCH_SEEDER"
    say "using $BIN and $SEEDER (BENCH_BIN, BENCH_SEEDER; not building)"
else
    say "building the release binary and the seeder"
    (cd "$REPO" && cargo build --release --bin charter-tracker) >&2 || die "the release build failed"
    BIN="${CARGO_TARGET_DIR:-$REPO/target}/release/charter-tracker"
    SEEDER="$(cd "$REPO" && cargo bench --bench scale --no-run --message-format=json 2>/dev/null \
        | python3 -c '
import sys, json
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "scale" and m.get("executable"):
        print(m["executable"])')"
fi
[[ -x "$BIN" && -x "$SEEDER" ]] || die "no binary or seeder"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/charter-instances.XXXXXX")"
DB="charter_instances_$$"
PIDS=()
NGINX_STARTED=0
cleanup() {
    local rc=$?
    stop_all
    timeout 60 psql "$PG_SERVER" -qAtc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
    if [[ "${BENCH_KEEP:-0}" == 1 ]]; then printf 'bench-instances: kept %s\n' "$WORK" >&2; else rm -rf "$WORK"; fi
    exit "$rc"
}
stop_all() {
    if ((NGINX_STARTED)); then "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s quit 2>/dev/null || true; NGINX_STARTED=0; fi
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    PIDS=()
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

psql "$PG_SERVER" -v ON_ERROR_STOP=1 -qAtc "CREATE DATABASE \"$DB\"" >/dev/null || die "could not create $DB"
export DATABASE_URL
DATABASE_URL="$(python3 - "$PG_SERVER" "$DB" <<'EOF'
import sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
print(urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + sys.argv[2], u.query, u.fragment)))
EOF
)"
say "seeding $CITIES cities x $ACTIONS actions"
"$SEEDER" seed --cities "$CITIES" --actions-per-city "$ACTIONS" >"$WORK/seed.txt" 2>&1 || { cat "$WORK/seed.txt" >&2; die "seeding failed"; }
"$BIN" user add --email bench@example.org --role secretariat </dev/null >/dev/null 2>"$WORK/cli.log" || die "user add failed"
TOKEN="$("$BIN" token issue --email bench@example.org --label bench 2>>"$WORK/cli.log")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORTS=("$(free_port)" "$(free_port)" "$(free_port)")
PROXY_PORT="$(free_port)"

start_instance() { # index, extra args...
    local i="$1"; shift
    mkdir -p "$WORK/i$i/mail"
    (cd "$WORK/i$i" && CHARTER_TRACKER__MAIL__OUTBOX_DIR="$WORK/i$i/mail" exec "$BIN" serve --bind "127.0.0.1:${PORTS[$i]}" "$@") \
        >"$WORK/i$i/server.log" 2>&1 &
    PIDS+=("$!")
}
wait_ready() {
    for port in "$@"; do
        for _ in $(seq 1 300); do curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/readyz" 2>/dev/null && break; sleep 0.1; done
        curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port/readyz" || die "the instance on $port is not ready"
    done
}
start_nginx() {
    mkdir -p "$WORK/nginx/logs"
    python3 - "$REPO/config/nginx.conf.example" "$WORK/nginx/nginx.conf" "$PROXY_PORT" "${PORTS[@]}" <<'EOF'
import re, sys
src, dst, proxy, *ports = sys.argv[1:]
text = open(src).read()
upstream = re.search(r"upstream charter_tracker \{.*?\n\}", text, re.S).group(0)
for old, new in zip(["8081", "8082", "8083"], ports):
    upstream = upstream.replace("127.0.0.1:" + old, "127.0.0.1:" + new)
location = re.search(r"    location / \{.*?\n    \}", text, re.S).group(0)
open(dst, "w").write(f"""worker_processes 1;
daemon on;
user root;
pid {dst.rsplit('/', 1)[0]}/nginx.pid;
error_log {dst.rsplit('/', 1)[0]}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    {upstream}
    server {{
        listen 127.0.0.1:{proxy};
    {location}
    }}
}}
""")
EOF
    "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" || die "nginx did not start (see $WORK/nginx/logs/error.log)"
    NGINX_STARTED=1
}

to_ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}
declare -A RPS P99
measure() { # key base header paths...
    local key="$1" base="$2" header="$3"; shift 3
    local lua="$WORK/$key.lua"
    {
        echo 'local paths = {'; for p in "$@"; do printf '  "%s",\n' "$p"; done; echo '}'
        cat <<EOF
local reqs = {}
function init(args)
  math.randomseed(os.time())
  local headers = {}
  local h = "$header"
  if h ~= "-" then local k, v = h:match("^([^:]+): (.*)$"); headers[k] = v end
  for i, p in ipairs(paths) do reqs[i] = wrk.format("GET", p, headers) end
end
function request() return reqs[math.random(#reqs)] end
EOF
    } >"$lua"
    wrk -t"$THREADS" -c"$CONNS" -d2s -s "$lua" "$base" >/dev/null
    say "wrk -d${SECS}s: $key"
    wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency -s "$lua" "$base" >"$WORK/wrk-$key.txt" 2>&1 || die "wrk failed ($key)"
    RPS[$key]="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$WORK/wrk-$key.txt")"
    P99[$key]="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$key.txt")")"
    local bad
    bad="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$WORK/wrk-$key.txt")"
    [[ -z "$bad" ]] || say "WARN: $bad non-2xx answers for $key"
}
LIST_PATHS=()
for i in $(seq 1 200); do LIST_PATHS+=("/api/v1/plans/$(( (i * 7) % CITIES + 1 ))/actions?per_page=50"); done

# --- 1. reads: one instance, then three behind nginx ----------------------------------------
start_instance 0 --no-scheduler --no-worker
wait_ready "${PORTS[0]}"
measure one_healthz "http://127.0.0.1:${PORTS[0]}" - /healthz
measure one_list "http://127.0.0.1:${PORTS[0]}" "Authorization: Bearer $TOKEN" "${LIST_PATHS[@]}"
start_instance 1 --no-scheduler --no-worker
start_instance 2 --no-scheduler --no-worker
wait_ready "${PORTS[1]}" "${PORTS[2]}"
start_nginx
measure three_healthz "http://127.0.0.1:$PROXY_PORT" - /healthz
measure three_list "http://127.0.0.1:$PROXY_PORT" "Authorization: Bearer $TOKEN" "${LIST_PATHS[@]}"
stop_all

# --- 2. exactly once: three schedulers and three workers race ------------------------------
SCHEDULE="$(python3 - <<'EOF'
import datetime, zoneinfo
t = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Brussels")) - datetime.timedelta(minutes=1)
print(f"{t.minute} {t.hour} * * *")
EOF
)"
say "three instances with scheduler and worker; check-in schedule '$SCHEDULE' (fired a minute ago)"
export CHARTER_TRACKER__CHECK_INS__SCHEDULE="$SCHEDULE"
export CHARTER_TRACKER__CHECK_INS__SCHEDULER_POLL_SECONDS=1
export CHARTER_TRACKER__MAIL__POLL_SECONDS=1
export CHARTER_TRACKER__MAIL__BATCH_SIZE=100
q() { psql "$DATABASE_URL" -qAtc "$1"; }
ROUNDS_BEFORE="$(q "SELECT COUNT(*) FROM rounds")"
OUTBOX_BEFORE="$(q "SELECT COUNT(*) FROM outbox")"
START=$SECONDS
for i in 0 1 2; do start_instance "$i"; done
wait_ready "${PORTS[@]}"
for _ in $(seq 1 600); do
    opened="$(q "SELECT COUNT(*) FROM rounds")"
    left="$(q "SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')")"
    if ((opened > ROUNDS_BEFORE)) && ((left == 0)); then break; fi
    sleep 1
done
ELAPSED=$((SECONDS - START))
sleep 2
stop_all
ROUND="$(q "SELECT MAX(id) FROM rounds")"
ROUNDS_OPENED=$(( $(q "SELECT COUNT(*) FROM rounds") - ROUNDS_BEFORE ))
CHECKINS="$(q "SELECT COUNT(*) FROM check_ins WHERE round_id = $ROUND")"
QUEUED_NEW=$(( $(q "SELECT COUNT(*) FROM outbox") - OUTBOX_BEFORE ))
BY_STATE="$(q "SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (SELECT status, COUNT(*) AS n FROM outbox GROUP BY status) s")"
SENT="$(q "SELECT COUNT(*) FROM outbox WHERE status = 'sent'")"
DUP_KEYS="$(q "SELECT COUNT(*) FROM (SELECT idempotency_key FROM outbox GROUP BY idempotency_key HAVING COUNT(*) > 1) d")"
FILES=()
for i in 0 1 2; do FILES+=("$(find "$WORK/i$i/mail" -name '*.eml' | wc -l)"); done
TOTAL_FILES=$((FILES[0] + FILES[1] + FILES[2]))
DISTINCT_IDS="$(cat "$WORK"/i*/mail/*.eml 2>/dev/null | grep -i '^Message-ID:' | sort -u | wc -l)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo
echo "charter-tracker: three instances on one PostgreSQL — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs shared by everything"
echo "  data: $(tail -n1 "$WORK/seed.txt")"
echo
printf '%-48s %9s %9s %10s\n' "reads (wrk -t$THREADS -c$CONNS -d${SECS}s)" "req/s" "p99 ms" "x healthz"
printf '%-48s %9s %9s %10s\n' "one instance: /healthz" "${RPS[one_healthz]}" "${P99[one_healthz]}" 1
printf '%-48s %9s %9s %10s\n' "one instance: /api/v1/plans/{id}/actions" "${RPS[one_list]}" "${P99[one_list]}" "$(ratio "${RPS[one_list]}" "${RPS[one_healthz]}")"
printf '%-48s %9s %9s %10s\n' "nginx + three instances: /healthz" "${RPS[three_healthz]}" "${P99[three_healthz]}" 1
printf '%-48s %9s %9s %10s\n' "nginx + three instances: /api/v1/plans/{id}/actions" "${RPS[three_list]}" "${P99[three_list]}" "$(ratio "${RPS[three_list]}" "${RPS[three_healthz]}")"
echo "  three instances / one: $(ratio "${RPS[three_list]}" "${RPS[one_list]}")x on the list (on $(nproc) cores shared with wrk and PostgreSQL)"
echo
echo "exactly once, three schedulers and three workers racing (${ELAPSED} s until the outbox was empty):"
echo "  rounds opened: $ROUNDS_OPENED (expected 1), check-ins in it: $CHECKINS"
echo "  outbox rows added: $QUEUED_NEW; by state now: $BY_STATE; idempotency keys held twice: $DUP_KEYS"
echo "  .eml files written: ${FILES[0]} + ${FILES[1]} + ${FILES[2]} = $TOTAL_FILES; distinct Message-IDs: $DISTINCT_IDS; sent rows: $SENT"
if ((ROUNDS_OPENED == 1 && DUP_KEYS == 0 && TOTAL_FILES == SENT && DISTINCT_IDS == TOTAL_FILES && SENT > 0)); then
    echo "PASS  one round, every email written exactly once across the three instances"
else
    echo "FAIL  something was done twice or left undone (see above)"
fi
