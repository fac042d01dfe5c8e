#!/usr/bin/env bash
# PostgreSQL benchmarks on a loopback server, each figure next to its baseline measured in
# the same run:
#   - `spend copy-to` of 1M expenses from an SQLite file, against psql's \copy of the same
#     rows into a ledger with every index and key in place (hyperfine)
#   - the app on those 1M expenses in a 120x40 pseudo-terminal: first frame, keypresses,
#     against the same app on the SQLite file (3 runs each)
#   - benches/postgres.rs (criterion): one expense with its check against a bare INSERT;
#     bulk add and CSV import of 100k rows against a bare COPY of the same rows
# The server is SPEND_BENCH_PG_URL; without it a throwaway cluster is started
# (scripts/pg-cluster.sh) and removed at the end. Data goes to SPEND_BENCH_DIR or a
# temporary directory; a 1M SQLite ledger already there (d1m.db) is reused.
# Usage: scripts/bench-postgres.sh [--quick]   (--quick: fewer runs, no criterion)
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
RUNS=10
((QUICK)) && RUNS=3
command -v hyperfine >/dev/null 2>&1 || {
    apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null
}

DIR="${SPEND_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/spend-bench.XXXXXX")}"
mkdir -p "$DIR"
echo "== data and results in $DIR"
cargo build --release --locked --bin spend --example gen --example tui_probe 2>&1 | tail -1
SPEND="$PWD/target/release/spend"
GEN="$PWD/target/release/examples/gen"
PROBE="$PWD/target/release/examples/tui_probe"
[[ -f "$DIR/d1m.db" ]] || "$GEN" --expenses 1000000 --db "$DIR/d1m.db" | head -1

if [[ -n "${SPEND_BENCH_PG_URL:-}" ]]; then
    PG_SERVER="$SPEND_BENCH_PG_URL"
else
    # A throwaway cluster, stopped when this script exits.
    source scripts/pg-cluster.sh
    PG_SERVER="$SPEND_TEST_PG_URL"
fi
PSQL="$(command -v psql || echo "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql")"
pg_url() { echo "${PG_SERVER%/*}/$1"; } # the server's URL naming another database
fresh_db() { "$PSQL" -q "$PG_SERVER" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }
# The baseline: the same 1M rows by psql's \copy into a ledger with the same users,
# categories and budgets (the generator with no expenses), every index and key in place.
fresh_db spend_bench_csv
"$SPEND" --db "$DIR/d1m.db" copy-to "$(pg_url spend_bench_csv)" >/dev/null
"$PSQL" -q "$(pg_url spend_bench_csv)" \
    -c "\\copy (SELECT id, user_id, category_id, amount, currency, date, note FROM expenses) TO '$DIR/pg1m.csv' CSV"
"$PSQL" -q "$PG_SERVER" -c "DROP DATABASE spend_bench_csv"
cat >"$DIR/pg-baseline.sh" <<SH
set -e
"$PSQL" -q "$(pg_url spend_bench_copy)" -c "\\copy expenses (id, user_id, category_id, amount, currency, date, note) FROM '$DIR/pg1m.csv' CSV"
SH
prepare_copy="$PSQL -q $PG_SERVER -c 'DROP DATABASE IF EXISTS spend_bench_copy' -c 'CREATE DATABASE spend_bench_copy'"
hyperfine --style basic --runs "$((RUNS / 4 + 1))" --export-json "$DIR/pg-copy.json" \
    --prepare "$prepare_copy" \
    -n "spend copy-to" "$SPEND --db $DIR/d1m.db copy-to $(pg_url spend_bench_copy) >/dev/null" \
    --prepare "$prepare_copy && $GEN --expenses 0 --db $(pg_url spend_bench_copy) >/dev/null" \
    -n "psql \\copy, indexes and keys in place" "bash $DIR/pg-baseline.sh"
fresh_db spend_bench_app
"$SPEND" --db "$DIR/d1m.db" copy-to "$(pg_url spend_bench_app)" >/dev/null
for run in 1 2 3; do
    "$PROBE" --spend "$SPEND" --db "$(pg_url spend_bench_app)" --keys 200 >"$DIR/probe-pg1m-$run.txt"
done
cat "$DIR/probe-pg1m-1.txt"
for run in 1 2 3; do
    "$PROBE" --spend "$SPEND" --db "$DIR/d1m.db" --keys 200 >"$DIR/probe-sqlite1m-$run.txt"
done
if ((!QUICK)); then
    SPEND_BENCH_PG_URL="$PG_SERVER" CARGO_TARGET_DIR="$PWD/target" cargo bench --locked --bench postgres -- --noplot \
        2>&1 | grep -E "^[a-z_0-9]+/|time:|thrpt:" | tee "$DIR/criterion-pg.txt"
fi
"$PSQL" -q "$PG_SERVER" -c "DROP DATABASE IF EXISTS spend_bench_copy" -c "DROP DATABASE IF EXISTS spend_bench_app"


echo "== summary"
python3 - "$DIR" "$QUICK" <<'PY'
import json, os, statistics, sys

out, quick = sys.argv[1], sys.argv[2] == "1"

def hf(path):
    with open(os.path.join(out, path)) as f:
        return [r["median"] for r in json.load(f)["results"]]

def probe(name):
    runs = []
    for run in (1, 2, 3):
        figures = {}
        for line in open(os.path.join(out, f"probe-{name}-{run}.txt")):
            parts = line.split()
            if parts[0] in ("first_frame_ms", "peak_rss_mib"):
                figures[parts[0]] = float(parts[1])
            else:
                figures[parts[0] + " p99"] = float(parts[4])
        runs.append(figures)
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}

def criterion(group, bench):
    with open(f"target/criterion/{group}/{bench}/new/estimates.json") as f:
        return json.load(f)["median"]["point_estimate"] / 1e9

rows = []
copy_to, copy_base = hf("pg-copy.json")
rows.append(("`spend copy-to` SQLite to PostgreSQL, 1M rows (whole process)", f"{1e6 / copy_to:,.0f} rows/s", "100,000 rows/s", f"{1e6 / copy_to / 100000:.2f}x"))
rows.append(("`spend copy-to` SQLite to PostgreSQL, 1M rows (whole process)", f"{1e6 / copy_to:,.0f} rows/s", f"psql \\copy, indexes and keys in place {1e6 / copy_base:,.0f} rows/s", f"{copy_base / copy_to:.2f}x faster"))
pg, lite = probe("pg1m"), probe("sqlite1m")
for key, label in [("first_frame_ms", "App first frame (ms)"), ("scroll_ms p99", "Scroll keypress p99 (ms)"),
                   ("month_switch_ms p99", "Month switch keypress p99 (ms)"), ("filter_ms p99", "Filter keypress p99 (ms)"),
                   ("peak_rss_mib", "App peak RSS (MiB)")]:
    rows.append((f"{label}, 1M on PostgreSQL (pty)", f"{pg[key]:.1f}", f"SQLite 1M: {lite[key]:.1f}", f"{pg[key] / lite[key]:.2f}x"))
if not quick:
    add, bare = criterion("pg_add_one_expense", "add_expense_with_budget_check"), criterion("pg_add_one_expense", "bare_insert_transaction")
    rows.append(("Add one expense with budget check, PostgreSQL", f"{add * 1e3:.2f} ms", f"bare INSERT tx {bare * 1e3:.2f} ms", f"{add / bare:.2f}x"))
    bare_copy = criterion("pg_bulk_load", "bare_copy_100k")
    for bench, label in [("add_expenses_100k", "`add_expenses`, 100k rows, PostgreSQL"), ("import_csv_100k", "CSV import (parse + `import_expenses`), 100k rows, PostgreSQL")]:
        seconds = criterion("pg_bulk_load", bench)
        rows.append((label, f"{1e5 / seconds:,.0f} rows/s", "100,000 rows/s", f"{1e5 / seconds / 100000:.2f}x"))
        rows.append((label, f"{1e5 / seconds:,.0f} rows/s", f"bare COPY, same rows and table {1e5 / bare_copy:,.0f} rows/s", f"{seconds / bare_copy:.2f}x"))

lines = ["| Figure | Measured | Baseline | Ratio |", "| --- | --- | --- | --- |"]
lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
text = "\n".join(lines)
print(text)
open(os.path.join(out, "results-postgres.md"), "w").write(text + "\n")
PY
echo "== machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory"
echo "== the table is in $DIR/results-postgres.md"
