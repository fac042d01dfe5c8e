#!/usr/bin/env bash
# `spend serve` under wrk (16 connections, 2 threads), each figure beside the anchor measured
# in the same run: the reference design's Flask API (scripts/anchor) under gunicorn with 4
# workers on PostgreSQL 15 with the design's schema, sample data and budget trigger.
#   - POST /api/expenses with the budget check, on a 1M-expense SQLite ledger
#   - GET /api/users/1/summary on that ledger
#   - GET /api/expenses, pages of 100 starting at keys spread over five years of history
# Each with keep-alive and with `Connection: close` (the anchor closes every connection, so
# its figures include a TCP connect per request). Requests/s, p50, p99 and errors, as a
# Markdown table in $DIR/serve.md. Data goes to SPEND_BENCH_DIR or a temporary directory; a
# 1M ledger already there (d1m.db) is reused. SPEND_BENCH_SECONDS sets each cell's length.
# Usage: scripts/bench-serve.sh [--quick]   (--quick: 5 s cells)
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_CELL="${SPEND_BENCH_SECONDS:-20}"
[[ "${1:-}" == "--quick" ]] && SECONDS_PER_CELL=5
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

DIR="${SPEND_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/spend-bench.XXXXXX")}"
mkdir -p "$DIR"
echo "== data and results in $DIR"
cargo build --release --locked --bin spend --example gen 2>&1 | tail -1
SPEND="$PWD/target/release/spend"
GEN="$PWD/target/release/examples/gen"
[[ -f "$DIR/d1m.db" ]] || "$GEN" --expenses 1000000 --db "$DIR/d1m.db" | head -1

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_up() { # url
    for _ in $(seq 100); do curl -fs -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "no answer from $1" >&2
    return 1
}

# Lua scripts: a new expense per request, in a budgeted month; list pages after keys spread
# over the generated history (a key is a date and an id beyond every row of that day).
cat >"$DIR/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local i = 0
request = function()
  i = i + 1
  local body = string.format(
    '{"user_id": 1, "category_id": %d, "amount": "%d.%02d", "date": "%s-%02d", "note": "wrk %d"}',
    (i % 5) + 1, i % 900 + 1, i % 100, MONTH, i % 28 + 1, i)
  return wrk.format(nil, nil, nil, body)
end
LUA
cat >"$DIR/pages.lua" <<'LUA'
math.randomseed(7)
request = function()
  local year = 2021 + math.random(0, 4)
  local key = string.format("%d-%02d-%02d_2147483647", year, math.random(1, 12), math.random(1, 28))
  return wrk.format("GET", "/api/expenses?limit=100&after=" .. key)
end
LUA

RESULTS="$DIR/serve.md"
echo "| server | endpoint | connection | requests/s | p50 | p99 | errors |" >"$RESULTS"
echo "| --- | --- | --- | --- | --- | --- | --- |" >>"$RESULTS"

# cell SERVER ENDPOINT URL [wrk options...]: one wrk run per connection mode, as table rows.
cell() {
    local server="$1" endpoint="$2" url="$3"
    shift 3
    for mode in keep-alive close; do
        local extra=()
        [[ "$mode" == close ]] && extra=(-H "Connection: close")
        wrk -t2 -c16 -d"${SECONDS_PER_CELL}s" --latency "$@" "${extra[@]}" "$url" >"$DIR/wrk.txt" 2>&1 || true
        python3 - "$server" "$endpoint" "$mode" "$DIR/wrk.txt" >>"$RESULTS" <<'PY'
import re, sys
server, endpoint, mode, path = sys.argv[1:5]
text = open(path).read()
def latency(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\b", text, re.M)
    if not m:
        return "n/a"
    value, unit = float(m.group(1)), m.group(2)
    ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    return f"{ms:.2f} ms"
rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = int(non2xx.group(1)) if non2xx else 0
errors += sum(int(g) for g in sock.groups()) if sock else 0
rps = f"{float(rate.group(1)):,.0f}" if rate else "n/a"
print(f"| {server} | {endpoint} | {mode} | {rps} | {latency(50)} | {latency(99)} | {errors} |")
PY
        tail -n 1 "$RESULTS"
    done
}

echo "== spend serve on the 1M SQLite ledger"
MONTH=$(sqlite3 "$DIR/d1m.db" "SELECT printf('%04d-%02d', max(year), max(month)) FROM budgets WHERE year = (SELECT max(year) FROM budgets)")
sed -i "1i MONTH = \"$MONTH\"" "$DIR/post.lua"
cp "$DIR/d1m.db" "$DIR/serve.db"
rm -f "$DIR/serve.db-wal" "$DIR/serve.db-shm"
TOKEN=$("$SPEND" --db "$DIR/serve.db" --user aman@example.com token create --name bench | tail -n 1)
PORT=$(free_port)
"$SPEND" --db "$DIR/serve.db" serve --quiet --listen "127.0.0.1:$PORT" >/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
wait_up "http://127.0.0.1:$PORT/healthz"
AUTH=(-H "Authorization: Bearer $TOKEN")
BASE="http://127.0.0.1:$PORT"
cell "spend serve" "GET /api/users/1/summary (1M)" "$BASE/api/users/1/summary?month=$MONTH" "${AUTH[@]}"
cell "spend serve" "GET /api/expenses, pages of 100 (1M)" "$BASE" "${AUTH[@]}" -s "$DIR/pages.lua"
cell "spend serve" "POST /api/expenses (1M)" "$BASE/api/expenses" "${AUTH[@]}" -s "$DIR/post.lua"
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
trap - EXIT

if [[ "${SPEND_BENCH_NO_ANCHOR:-}" == 1 ]]; then
    echo "== anchor skipped"
else
    echo "== the anchor: the reference's Flask API, gunicorn with 4 workers, PostgreSQL"
    python3 -m venv "$DIR/anchor-venv" >/dev/null
    "$DIR/anchor-venv/bin/pip" install -q -r scripts/anchor/requirements.txt
    source scripts/pg-cluster.sh
    PSQL="$(command -v psql || echo "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql")"
    "$PSQL" -q "$SPEND_TEST_PG_URL" -c "CREATE DATABASE spendtracker"
    ANCHOR_DB="${SPEND_TEST_PG_URL%/*}/spendtracker"
    "$PSQL" -q "$ANCHOR_DB" -f scripts/anchor/schema.sql
    APORT=$(free_port)
    (cd scripts/anchor && DATABASE_URL="${ANCHOR_DB/postgres:/postgresql:}" \
        exec "$DIR/anchor-venv/bin/gunicorn" -w 4 -b "127.0.0.1:$APORT" --log-level warning 'app.main:app') &
    ANCHOR=$!
    trap 'kill $ANCHOR 2>/dev/null || true' EXIT
    wait_up "http://127.0.0.1:$APORT/api/users/1/summary"
    # The anchor's POST in a month with no budget (its trigger finds none), as spend's own
    # POST rows above check budgets that exist; and in the budgeted May, trigger firing.
    sed "s/^MONTH = .*/MONTH = \"2030-01\"/" "$DIR/post.lua" >"$DIR/anchor-post.lua"
    sed "s/^MONTH = .*/MONTH = \"2025-05\"/" "$DIR/post.lua" >"$DIR/anchor-post-firing.lua"
    ABASE="http://127.0.0.1:$APORT"
    cell "anchor" "GET /api/users/1/summary (sample)" "$ABASE/api/users/1/summary"
    cell "anchor" "POST /api/expenses" "$ABASE/api/expenses" -s "$DIR/anchor-post.lua"
    cell "anchor" "POST /api/expenses, budget trigger firing" "$ABASE/api/expenses" -s "$DIR/anchor-post-firing.lua"
    kill "$ANCHOR"
fi

echo "== results ($RESULTS)"
cat "$RESULTS"
