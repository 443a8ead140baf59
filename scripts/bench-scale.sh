#!/usr/bin/env bash
# The scale benchmark (issue 15): a Covenant-sized network on one machine, on SQLite and on
# PostgreSQL, every figure beside its target and beside /healthz measured in the same run.
#
# For each database it seeds two networks with the bulk seeder (`cargo bench --bench scale --
# seed`, multi-row INSERTs, not the HTTP API; see benches/scale.rs):
#   small: SMALL_CITIES (200) cities x SMALL_ACTIONS (30) actions, as in the issue's table;
#   large: SCALE_CITIES (10,000) cities x SCALE_ACTIONS (50) actions (500,000 actions), four
#          quarterly rounds of check-ins with action updates, self-assessments, indicator values.
# then, on the large one: compiles and publishes the outcomes report for the year of rounds
# (CLI, wall time and peak RSS), serves the binary to deploy (`--profile dist`: `serve --no-scheduler --no-worker`)
# and loads it with wrk on loopback: /healthz (the baseline), /network (signed in, random pages
# and filters), the city page (secretariat), the public city page, the published report, two
# API lists; reads the server's RSS idle and after the load; last it times a scheduler pass
# opening the next round for every city and the delivery of what it queued (benches/scale.rs
# tick). On the small one: /healthz, /network and the city page.
#
# Usage:  bash scripts/bench-scale.sh [sqlite|postgres|both]      (default: both)
#
# Environment:
#   BENCH_DATABASE_URL  PostgreSQL server to create the benchmark databases on (default
#                       postgres://postgres@127.0.0.1:5432/postgres); each is dropped at the end
#   SCALE_CITIES, SCALE_ACTIONS   the large network (10000, 50)
#   SMALL_CITIES, SMALL_ACTIONS   the small network (200, 30)
#   BENCH_SECONDS (10), BENCH_WARMUP (2), BENCH_THREADS (2), BENCH_CONNECTIONS (16): wrk
#   BENCH_BIN, BENCH_SEEDER  use these binaries (the server; the built benches/scale.rs) instead of building
#   BENCH_KEEP=1        keep the working folder (databases, logs) afterwards
#
# Exits 0 when the benchmark ran, whatever the verdicts; non-zero when something broke.
set -euo pipefail

WHICH="${1:-both}"
PG_SERVER="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
SCALE_CITIES="${SCALE_CITIES:-10000}"
SCALE_ACTIONS="${SCALE_ACTIONS:-50}"
SMALL_CITIES="${SMALL_CITIES:-200}"
SMALL_ACTIONS="${SMALL_ACTIONS:-30}"
SECS="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP:-2}"
THREADS="${BENCH_THREADS:-2}"
CONNS="${BENCH_CONNECTIONS:-16}"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench-scale: %s\n' "$*" >&2; exit 1; }

case "$WHICH" in sqlite | postgres | both) ;; *) die "usage: bench-scale.sh [sqlite|postgres|both]" ;; esac
for v in SCALE_CITIES SCALE_ACTIONS SMALL_CITIES SMALL_ACTIONS SECS WARMUP THREADS CONNS; do
    [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a whole number (got '${!v}')"
done

# --- tools -------------------------------------------------------------------------------
need_apt() { # command package
    command -v "$1" >/dev/null && return 0
    say "installing $2 (apt-get install -y $2)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; } \
        || die "could not install $2 with apt-get"
}
need_apt wrk wrk
need_apt curl curl
[[ -x /usr/bin/time ]] || need_apt /usr/bin/time time
command -v python3 >/dev/null || die "python3 is required"
if [[ "$WHICH" != sqlite ]]; then need_apt psql postgresql-client; fi

if [[ -n "${BENCH_BIN:-}" && -n "${BENCH_SEEDER:-}" ]]; then
    BIN="$BENCH_BIN"; SEEDER="$BENCH_SEEDER"
    say "using $BIN and $SEEDER (BENCH_BIN, BENCH_SEEDER; not building)"
else
    say "building the binary to deploy (--profile dist) and the seeder (waits if another build holds the lock)"
    (cd "$REPO" && cargo build --profile dist --bin charter-tracker) >&2 || die "the dist build failed"
    BIN="${CARGO_TARGET_DIR:-$REPO/target}/dist/charter-tracker"
    SEEDER="$(cd "$REPO" && cargo bench --bench scale --no-run --message-format=json 2>/dev/null \
        | python3 -c '
import sys, json
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "scale" and m.get("executable"):
        print(m["executable"])')"
fi
[[ -x "$BIN" && -x "$SEEDER" ]] || die "no binary at $BIN or no seeder ($SEEDER)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/charter-scale.XXXXXX")"
SERVER_PID=""
PG_DBS=()
cleanup() {
    local rc=$?
    stop_server
    for db in "${PG_DBS[@]}"; do
        timeout 60 psql "$PG_SERVER" -qAtc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
    done
    if [[ "${BENCH_KEEP:-0}" == 1 ]]; then printf 'bench-scale: kept %s\n' "$WORK" >&2; else rm -rf "$WORK"; fi
    exit "$rc"
}
stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A fresh database for (backend, name); prints its URL.
new_database() {
    local backend="$1" name="$2"
    if [[ "$backend" == sqlite ]]; then
        mkdir -p "$WORK/$name"
        echo "sqlite://$WORK/$name/data.db"
    else
        local db="charter_scale_${name}_$$"
        timeout 60 psql "$PG_SERVER" -v ON_ERROR_STOP=1 -qAtc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null
        timeout 60 psql "$PG_SERVER" -v ON_ERROR_STOP=1 -qAtc "CREATE DATABASE \"$db\"" >/dev/null \
            || die "could not create database $db on $PG_SERVER"
        python3 - "$PG_SERVER" "$db" <<'EOF'
import sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
print(urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + sys.argv[2], u.query, u.fragment)))
EOF
    fi
}

rss_kb() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$SERVER_PID/status"; }
# The anonymous part of the RSS (heap, stacks): what the tracker's own data holds. The rest is
# its code and the shared libraries mapped from their files (shared, and dropped under pressure).
anon_kb() { awk '$1 == "RssAnon:" { print $2 }' "/proc/$SERVER_PID/status"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }
to_ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

# Seeds and prepares one network; sets URL, PASSWORD, TOKEN.
prepare() { # backend name cities actions
    local backend="$1" name="$2" cities="$3" actions="$4"
    URL="$(new_database "$backend" "$name")"
    # new_database ran in a subshell: remember its PostgreSQL database here, for the cleanup.
    [[ "$backend" == sqlite ]] || PG_DBS+=("charter_scale_${name}_$$")
    export DATABASE_URL="$URL"
    say "$backend/$name: seeding $cities cities x $actions actions"
    local t0=$SECONDS
    "$SEEDER" seed --cities "$cities" --actions-per-city "$actions" >"$WORK/seed-$backend-$name.txt" 2>&1 \
        || { cat "$WORK/seed-$backend-$name.txt" >&2; die "seeding failed"; }
    SEED_SECONDS[$backend/$name]=$((SECONDS - t0))
    SEED_LINE[$backend/$name]="$(tail -n1 "$WORK/seed-$backend-$name.txt")"
    PASSWORD="$("$BIN" user add --email "bench-$name@example.org" --role secretariat </dev/null 2>"$WORK/cli.log")" \
        || { cat "$WORK/cli.log" >&2; die "user add failed"; }
    TOKEN="$("$BIN" token issue --email "bench-$name@example.org" --label bench 2>>"$WORK/cli.log")" \
        || { cat "$WORK/cli.log" >&2; die "token issue failed"; }
    if [[ "$backend" == postgres ]]; then
        # The seeding, and the search index the first start builds (`user add` above), write
        # enough WAL in a minute to start a checkpoint (max_wal_size), which PostgreSQL spreads
        # over the next minutes, through the loads below: on 5 December two runs' loads
        # overlapped one and had p99 tails of 70-150 ms on a few endpoints, p50 unchanged. A
        # checkpoint now, as after any bulk load, lets the loads measure the server rather than
        # the seeding's aftermath. Needs superuser or the pg_checkpoint role.
        timeout 300 psql "$URL" -v ON_ERROR_STOP=1 -qAtc "CHECKPOINT" >/dev/null \
            || say "could not run CHECKPOINT after seeding (needs superuser or pg_checkpoint); loads may overlap one"
    fi
}

start_server() { # backend name
    PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    BASE="http://127.0.0.1:$PORT"
    (cd "$WORK" && exec "$BIN" serve --no-scheduler --no-worker --bind "127.0.0.1:$PORT") >"$WORK/server-$1-$2.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$WORK/server-$1-$2.log" >&2; die "the server exited"; }
        curl -fsS -o /dev/null --max-time 2 "$BASE/readyz" 2>/dev/null && break
        sleep 0.1
    done
    curl -fsS -o /dev/null --max-time 5 "$BASE/readyz" || die "the server did not become ready"
    # A browser session for the secretariat's pages, and an anonymous visitor's CSRF cookie.
    local jar="$WORK/jar-$1-$2"
    rm -f "$jar"
    local csrf
    curl -fsS -c "$jar" -b "$jar" -o "$WORK/login.html" "$BASE/login" || die "GET /login failed"
    csrf="$(python3 -c 'import re, sys; m = re.search(r"name=\"csrf_token\" value=\"([^\"]*)\"", open(sys.argv[1]).read()); print(m.group(1) if m else "")' "$WORK/login.html")"
    [[ -n "$csrf" ]] || die "no CSRF token on /login"
    local code
    code="$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "csrf_token=$csrf" \
        --data-urlencode "email=bench-$2@example.org" --data-urlencode "password=$PASSWORD" "$BASE/login")"
    [[ "$code" == 303 ]] || die "signing in answered $code"
    SESSION="ct_session=$(awk '$6 == "ct_session" { print $7 }' "$jar")"
    VISITOR="ct_csrf=$(awk '$6 == "ct_csrf" { print $7 }' "$jar")"
}

# wrk with a Lua script picking one of the paths (stdin) at random per request, with headers.
declare -A RPS P50 P99 BYTES ERRS
load() { # key header(or -) ; paths on stdin
    local key="$1" header="$2" file="${1//\//_}"
    local lua="$WORK/$file.lua"
    {
        echo 'local paths = {'
        while read -r p; do printf '  "%s",\n' "$p"; done
        echo '}'
        cat <<EOF
local counter = 0
local reqs = {}
function setup(thread) counter = counter + 1; thread:set("tid", counter) end
function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
  local headers = { ["Accept"] = "text/html, application/json" }
  local h = "$header"
  if h ~= "-" then local k, v = h:match("^([^:]+): (.*)$"); headers[k] = v end
  for i, p in ipairs(paths) do reqs[i] = wrk.format("GET", p, headers) end
end
function request() return reqs[math.random(#reqs)] end
EOF
    } >"$lua"
    local first
    first="$(awk -F'"' '/^  "/ { print $2; exit }' "$lua")"
    local hargs=()
    [[ "$header" != "-" ]] && hargs=(-H "$header")
    local out
    out="$(curl -sS -o /dev/null -w '%{http_code} %{size_download}' --max-time 60 "${hargs[@]}" "$BASE$first")" \
        || die "GET $first failed"
    [[ "${out%% *}" == 200 ]] || die "GET $first answered ${out%% *}, not 200"
    BYTES[$key]="${out##* }"
    if ((WARMUP > 0)); then
        timeout $((WARMUP + 60)) wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" -s "$lua" "$BASE" >/dev/null || die "wrk warm-up failed ($key)"
    fi
    say "wrk -t$THREADS -c$CONNS -d${SECS}s: $key"
    timeout $((SECS + 120)) wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --timeout 10s --latency -s "$lua" "$BASE" \
        >"$WORK/wrk-$file.txt" 2>&1 || { cat "$WORK/wrk-$file.txt" >&2; die "wrk failed ($key)"; }
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server died under load ($key)"
    RPS[$key]="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$WORK/wrk-$file.txt")"
    P50[$key]="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk-$file.txt")")"
    P99[$key]="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$file.txt")")"
    local non2xx sockerr
    non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$WORK/wrk-$file.txt")"
    sockerr="$(awk '/Socket errors:/ { s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i; print s }' "$WORK/wrk-$file.txt")"
    ERRS[$key]=$(( ${non2xx:-0} + ${sockerr:-0} ))
}

ids() { # first count step -> ids, one a line
    python3 -c "import sys; f,n,s=map(int,sys.argv[1:]); print('\n'.join(str(f+i*s) for i in range(n)))" "$@"
}

declare -A SEED_SECONDS SEED_LINE FIG
bench_backend() {
    local b="$1"
    # --- small: the issue's table ---------------------------------------------------------
    prepare "$b" small "$SMALL_CITIES" "$SMALL_ACTIONS"
    start_server "$b" small
    load "$b/small/healthz" - <<<"/healthz"
    load "$b/small/network" "Cookie: $SESSION" <<<"/network"
    load "$b/small/city" "Cookie: $SESSION" < <(ids 1 "$SMALL_CITIES" 1 | sed 's|^|/cities/|')
    stop_server

    # --- large ----------------------------------------------------------------------------
    prepare "$b" large "$SCALE_CITIES" "$SCALE_ACTIONS"
    local from to
    read -r from to < <(python3 - "$URL" <<'EOF'
import datetime, sys
# The seeded year (benches/scale.rs): the periods of the four rounds up to the latest opening,
# at the start of this quarter.
t = datetime.date.today()
latest = datetime.date(t.year, (t.month - 1) // 3 * 3 + 1, 1)
end = latest - datetime.timedelta(days=1)
start = datetime.date(latest.year - 1, latest.month, 1)
print(start, end)
EOF
)
    say "$b/large: compiling the report $from to $to"
    /usr/bin/time -f '%e %M' -o "$WORK/compile-$b.time" "$BIN" report compile --framework eurocities-integrating-cities \
        --from "$from" --to "$to" >"$WORK/compile-$b.out" 2>"$WORK/compile-$b.err" || { cat "$WORK/compile-$b.err" >&2; die "report compile failed"; }
    read -r FIG[$b/compile_s] FIG[$b/compile_kb] <"$WORK/compile-$b.time"
    local draft slug
    draft="$(tail -n1 "$WORK/compile-$b.out")"
    slug="$("$BIN" report publish "$draft" 2>>"$WORK/compile-$b.err" | tail -n1 | sed 's|.*/reports/||')"
    [[ -n "$slug" ]] || die "report publish printed no address"

    start_server "$b" large
    sleep 2
    FIG[$b/idle_kb]="$(rss_kb)"
    FIG[$b/idle_anon_kb]="$(anon_kb)"
    load "$b/large/healthz" - <<<"/healthz"
    # (Paths come by redirection, not a pipe: `load` must run in this shell to keep its figures.)
    load "$b/large/network" "Cookie: $SESSION" < <(
        for n in $(seq 1 $(((SCALE_CITIES + 49) / 50))); do echo "/network?page=$n"; done
        echo "/network?country=PL"; echo "/network?check_in=overdue"; echo "/network?coverage=all&page=2"
        echo "/network?plan=adopted&overdue=yes&page=3"; echo "/network?check_in=late&country=DE"
    )
    load "$b/large/city" "Cookie: $SESSION" < <(ids 1 500 $((SCALE_CITIES / 500)) | sed 's|^|/cities/|')
    load "$b/large/public_city" "Cookie: $VISITOR" < <(ids 1 500 $((SCALE_CITIES / 500 / 2 * 2)) | sed 's|^|/cities/|')
    load "$b/large/report" - <<<"/reports/$slug"
    load "$b/large/api_actions" "Authorization: Bearer $TOKEN" \
        < <(ids 1 500 $((SCALE_CITIES / 500)) | sed 's|^|/api/v1/plans/|; s|$|/actions?per_page=50|')
    load "$b/large/api_cities" "Authorization: Bearer $TOKEN" < <(ids 1 200 1 | sed 's|^|/api/v1/cities?per_page=50\&page=|')
    sleep 2
    FIG[$b/after_kb]="$(rss_kb)"
    FIG[$b/after_anon_kb]="$(anon_kb)"
    FIG[$b/peak_kb]="$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$SERVER_PID/status")"
    stop_server

    say "$b/large: a scheduler pass opening the next round, then delivering what it queued"
    "$SEEDER" tick --at next --outbox-dir "$WORK/mail-$b" >"$WORK/tick-$b.txt" 2>&1 || { cat "$WORK/tick-$b.txt" >&2; die "tick failed"; }
    FIG[$b/tick_s]="$(sed -n 's/^tick: \([0-9.]*\) s.*/\1/p' "$WORK/tick-$b.txt")"
    FIG[$b/tick_emails]="$(sed -n 's/.*emails queued by the pass: \([0-9]*\).*/\1/p' "$WORK/tick-$b.txt")"
    FIG[$b/tick_checkins]="$(sed -n 's/.*check-ins: \([0-9]*\);.*/\1/p' "$WORK/tick-$b.txt")"
    FIG[$b/deliver_rate]="$(sed -n 's/.* = \([0-9]*\) emails\/s/\1/p' "$WORK/tick-$b.txt")"
    FIG[$b/deliver_line]="$(grep '^delivery' "$WORK/tick-$b.txt")"
    rm -rf "$WORK/mail-$b"
    unset DATABASE_URL
}

BACKENDS=()
[[ "$WHICH" != postgres ]] && BACKENDS+=(sqlite)
[[ "$WHICH" != sqlite ]] && BACKENDS+=(postgres)
for b in "${BACKENDS[@]}"; do bench_backend "$b"; done

# --- report --------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi; }
row() { # key label target-text pass-expression
    local k="$1"
    printf '%-44s %8s %9s %8s %8s %9s %6s  %-22s %s\n' "$2" "${RPS[$k]}" "$(ratio "${RPS[$k]}" "${RPS[$HEALTHZ]}")" \
        "${P50[$k]}" "${P99[$k]}" "${BYTES[$k]}" "${ERRS[$k]}" "$3" "${4:-}"
}

echo
echo "charter-tracker scale benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  binary: $BIN ($(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "  host:   $(nproc) CPUs shared by server and wrk; wrk -t$THREADS -c$CONNS -d${SECS}s after ${WARMUP}s warm-up, loopback"
for b in "${BACKENDS[@]}"; do
    echo
    echo "=== $b ==="
    echo "seeding: small ${SEED_SECONDS[$b/small]} s (${SEED_LINE[$b/small]})"
    echo "         large ${SEED_SECONDS[$b/large]} s (${SEED_LINE[$b/large]})"
    echo
    printf '%-44s %8s %9s %8s %8s %9s %6s  %-22s %s\n' endpoint req/s "x healthz" "p50 ms" "p99 ms" bytes errors target verdict
    HEALTHZ="$b/small/healthz"
    row "$b/small/healthz" "$SMALL_CITIES cities: GET /healthz (baseline)" ""
    row "$b/small/network" "$SMALL_CITIES cities: GET /network" ">= 2,000 req/s" "$(verdict "${RPS[$b/small/network]} >= 2000")"
    row "$b/small/city" "$SMALL_CITIES cities: GET /cities/{id} (secretariat)" ">= 5,000 req/s" "$(verdict "${RPS[$b/small/city]} >= 5000")"
    HEALTHZ="$b/large/healthz"
    row "$b/large/healthz" "$SCALE_CITIES cities: GET /healthz (baseline)" ""
    row "$b/large/network" "$SCALE_CITIES cities: GET /network?page=&filters" "p99 < 50 ms" "$(verdict "${P99[$b/large/network]} < 50")"
    row "$b/large/city" "$SCALE_CITIES cities: GET /cities/{id} (secretariat)" ">= 5,000 req/s" "$(verdict "${RPS[$b/large/city]} >= 5000")"
    row "$b/large/public_city" "$SCALE_CITIES cities: public city page" "(ETag, 304)" ""
    row "$b/large/report" "$SCALE_CITIES cities: published report (HTML)" "(stored bytes)" ""
    row "$b/large/api_actions" "$SCALE_CITIES cities: /api/v1/plans/{id}/actions" "(list)" ""
    row "$b/large/api_cities" "$SCALE_CITIES cities: /api/v1/cities?page=" "(list)" ""
    echo
    printf '%-44s %-30s %-22s %s\n' figure value target verdict
    printf '%-44s %-30s %-22s %s\n' "report compile, $SCALE_CITIES cities" "${FIG[$b/compile_s]} s, $(mb "${FIG[$b/compile_kb]}") MB peak RSS" "< 5 s, < 300 MB" \
        "$(verdict "${FIG[$b/compile_s]} < 5 && ${FIG[$b/compile_kb]} < 300 * 1024")"
    printf '%-44s %-30s %-22s %s\n' "tick opening a round" "${FIG[$b/tick_s]} s, ${FIG[$b/tick_checkins]} check-ins, ${FIG[$b/tick_emails]} emails" "< 5 s, 20,000 emails" \
        "$(verdict "${FIG[$b/tick_s]:-99} < 5")"
    printf '%-44s %-30s %-22s %s\n' "delivery (files)" "${FIG[$b/deliver_rate]} emails/s" ">= 1,000 emails/s" "$(verdict "${FIG[$b/deliver_rate]:-0} >= 1000")"
    printf '%-44s %-30s %-22s %s\n' "server RSS idle ($SCALE_CITIES cities)" "$(mb "${FIG[$b/idle_kb]}") MB ($(mb "${FIG[$b/idle_anon_kb]}") anonymous)" "< 30 MB" "$(verdict "${FIG[$b/idle_kb]} < 30 * 1024")"
    printf '%-44s %-30s %-22s %s\n' "server RSS after the load above" "$(mb "${FIG[$b/after_kb]}") MB ($(mb "${FIG[$b/after_anon_kb]}") anon.; peak $(mb "${FIG[$b/peak_kb]}"))" "< 60 MB" "$(verdict "${FIG[$b/after_kb]} < 60 * 1024")"
    echo "  ${FIG[$b/deliver_line]}"
done
