#!/usr/bin/env bash
# Scale benchmarks, each figure next to its baseline measured in the same run:
#   - bulk load rate of the generator (hyperfine) and the generator's own timing
#   - `spend report` against `hledger balance -M` on the same 100k expenses (hyperfine)
#   - `spend export` against the sqlite3 shell writing the same rows as CSV, 1M rows (hyperfine)
#   - peak memory of report and export (/usr/bin/time -v)
#   - the app in a pseudo-terminal at 10k and 1M: first frame, keypress redraws, peak memory
#   - `spend status` for a prompt at 1M, whole process, against `spend report` and the sqlite3
#     shell counting the expenses (hyperfine)
#   - the criterion benchmarks (one expense against a bare INSERT, bulk load and import,
#     queries, the app's in-process costs at 10k and 1M, status against report and a bare
#     count at 1M)
#   - PostgreSQL, through scripts/bench-postgres.sh (its own table)
#   - bank-statement import of 100k rows, first and again, through scripts/bench-import.sh
#   - spend serve under wrk against the reference's Flask API, through scripts/bench-serve.sh
#   - searching all history keypress by keypress against the month's filter (benches/search.rs),
#     and what the search index costs: file size, adding one expense, and the bulk load against
#     the generator built from the commit before the index (SPEND_BENCH_BASE to choose another)
# Data goes to a temporary directory (SPEND_BENCH_DIR to choose one), never the repository.
# Usage: scripts/bench.sh [--quick]   (--quick: fewer runs, no criterion)
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1

need() {
    local missing=()
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
    done
    if ((${#missing[@]})); then
        echo "== installing ${missing[*]}"
        apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}
need hyperfine:hyperfine hledger:hledger sqlite3:sqlite3 python3:python3
[[ -x /usr/bin/time ]] || need time:time

DIR="${SPEND_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/spend-bench.XXXXXX")}"
mkdir -p "$DIR"
echo "== data and results in $DIR"

echo "== building"
cargo build --release --locked --bin spend --example gen --example tui_probe 2>&1 | tail -1
SPEND="$PWD/target/release/spend"
GEN="$PWD/target/release/examples/gen"
PROBE="$PWD/target/release/examples/tui_probe"
RUNS=10
((QUICK)) && RUNS=3

generate() { # count name [journal]
    rm -f "$DIR/$2.db" "$DIR/$2.db-wal" "$DIR/$2.db-shm"
    if [[ -n "${3:-}" ]]; then
        "$GEN" --expenses "$1" --db "$DIR/$2.db" --journal "$DIR/$3" | head -1
    else
        "$GEN" --expenses "$1" --db "$DIR/$2.db" | head -1
    fi
}

# The generator as it was before the search index, for the bulk load's and the file's cost.
BASE="${SPEND_BENCH_BASE:-$(git log --diff-filter=A --format=%H -- src/store/migrations/004_search.sql | tail -1)^}"
echo "== building the generator of $BASE (before the search index)"
rm -rf "$DIR/base" && mkdir -p "$DIR/base"
git archive "$BASE" | tar -x -C "$DIR/base"
CARGO_TARGET_DIR="$DIR/base-target" cargo build --release --locked --example gen \
    --manifest-path "$DIR/base/Cargo.toml" 2>&1 | tail -1
GEN_BASE="$DIR/base-target/release/examples/gen"

echo "== generating 10k, 100k (with an hledger journal) and 1M expenses"
generate 10000 d10k
generate 100000 d100k j100k.journal
generate 1000000 d1m | tee "$DIR/gen1m.txt"
rm -f "$DIR/d1m-base.db"*
"$GEN_BASE" --expenses 1000000 --db "$DIR/d1m-base.db" | head -1 | tee "$DIR/gen1m-base.txt"
stat -c %s "$DIR/d1m.db" "$DIR/d1m-base.db" >"$DIR/sizes.txt"

echo "== bulk load: the generator writing 1M expenses, start to end"
hyperfine --style basic --runs "$((RUNS / 2 + 1))" \
    --prepare "rm -f $DIR/load.db $DIR/load.db-wal $DIR/load.db-shm" \
    --export-json "$DIR/load.json" \
    -n "generator" "$GEN --expenses 1000000 --db $DIR/load.db" \
    -n "generator before the search index" "$GEN_BASE --expenses 1000000 --db $DIR/load.db"

echo "== spend report against hledger balance -M, 100k expenses (both users' reports)"
hledger -f "$DIR/j100k.journal" balance -M >/dev/null # parses: the journal is accepted
report="$SPEND --db $DIR/d100k.db --user aman@example.com report --month 2025-12 >/dev/null"
report+=" && $SPEND --db $DIR/d100k.db --user priya@example.com report --month 2025-12 >/dev/null"
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$DIR/report.json" \
    -n "spend report" "$report" \
    -n "hledger balance -M" "hledger -f $DIR/j100k.journal balance -M >/dev/null"

echo "== spend export against the sqlite3 shell, 1M rows"
cat >"$DIR/export.sql" <<'SQL'
.headers on
.mode csv
SELECT e.id AS id, e.user_id AS user_id, e.category_id AS category_id, c.name AS category,
       printf('%d.%02d', e.amount / 100, e.amount % 100) AS amount, e.currency AS currency,
       e.date AS date, e.note AS note
FROM expenses e LEFT JOIN categories c ON c.id = e.category_id ORDER BY e.id;
SQL
# A stricter baseline too: the amount as the stored integer, no formatting (not the same
# bytes, so only timed).
sed 's/printf(.*) AS amount/e.amount AS amount/' "$DIR/export.sql" >"$DIR/export-raw.sql"
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$DIR/export.json" \
    -n "spend export" "$SPEND --db $DIR/d1m.db export --all-users > $DIR/spend.csv" \
    -n "sqlite3 .mode csv" "sqlite3 $DIR/d1m.db < $DIR/export.sql > $DIR/sqlite.csv" \
    -n "sqlite3 .mode csv, raw amount" "sqlite3 $DIR/d1m.db < $DIR/export-raw.sql > $DIR/raw.csv"
python3 - "$DIR/spend.csv" "$DIR/sqlite.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline="") as a, open(sys.argv[2], newline="") as b:
    rows = 0
    for x, y in zip(csv.reader(a), csv.reader(b), strict=True):
        assert x == y, (x, y)
        rows += 1
print(f"the two exports hold the same {rows - 1} rows")
PY

echo "== spend status against spend report and a bare count, whole process, 1M expenses"
# status exits 1 or 2 at a warning or an overrun: those are answers, not failures.
hyperfine --style basic --warmup 3 --runs "$((RUNS * 5))" --ignore-failure \
    --export-json "$DIR/status.json" \
    -n "spend status" "$SPEND --db $DIR/d1m.db --user aman@example.com status --month 2025-12 >/dev/null" \
    -n "spend report" "$SPEND --db $DIR/d1m.db --user aman@example.com report --month 2025-12 >/dev/null" \
    -n "sqlite3 count(*)" "sqlite3 $DIR/d1m.db 'SELECT count(*) FROM expenses' >/dev/null"

echo "== peak memory of report and export at 1M (/usr/bin/time -v)"
/usr/bin/time -v "$SPEND" --db "$DIR/d1m.db" --user aman@example.com report --month 2025-12 \
    2>"$DIR/time-report.txt" >/dev/null
/usr/bin/time -v "$SPEND" --db "$DIR/d1m.db" export --all-users \
    2>"$DIR/time-export.txt" >/dev/null

echo "== the app in a 120x40 pseudo-terminal (3 runs each)"
for size in 10k 1m; do
    for run in 1 2 3; do
        "$PROBE" --spend "$SPEND" --db "$DIR/d$size.db" --keys 200 >"$DIR/probe-$size-$run.txt"
    done
    cat "$DIR/probe-$size-1.txt"
done

echo "== searching all history: cargo bench --bench search (10k and 1M)"
CARGO_TARGET_DIR="$PWD/target" cargo bench --locked --bench search | tee "$DIR/search.txt"
cp target/search-bench.json "$DIR/search.json"

if ((!QUICK)); then
    echo "== criterion: cargo bench --bench store --bench tui --bench status"
    CARGO_TARGET_DIR="$PWD/target" cargo bench --locked --bench store --bench tui --bench status -- --noplot \
        2>&1 | grep -E "^[a-z_0-9]+/|time:|thrpt:" | tee "$DIR/criterion.txt"
fi

echo "== summary"
python3 - "$DIR" "$QUICK" <<'PY'
import json, os, re, statistics, sys

out, quick = sys.argv[1], sys.argv[2] == "1"

def hf(path):
    with open(os.path.join(out, path)) as f:
        return [r["median"] for r in json.load(f)["results"]]

def peak_kib(path):
    text = open(os.path.join(out, path)).read()
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))

def probe(size):
    runs = []
    for run in (1, 2, 3):
        figures = {}
        for line in open(os.path.join(out, f"probe-{size}-{run}.txt")):
            parts = line.split()
            if parts[0] in ("first_frame_ms", "peak_rss_mib"):
                figures[parts[0]] = float(parts[1])
            else:
                figures[parts[0] + " p99"] = float(parts[4])
        runs.append(figures)
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}

def criterion(group, bench):
    path = f"target/criterion/{group}/{bench}/new/estimates.json"
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"] / 1e9

rows = []
load, load_base = hf("load.json")
rate = lambda name: float(re.search(r"\((\d+) rows/s\)", open(os.path.join(out, name)).read()).group(1))
gen_rate, gen_rate_base = rate("gen1m.txt"), rate("gen1m-base.txt")
rows.append(("Bulk load, generator, 1M rows (whole process)", f"{1e6 / load:,.0f} rows/s", "200,000 rows/s", f"{1e6 / load / 200000:.2f}x"))
rows.append(("Bulk load, generator, 1M rows (whole process)", f"{1e6 / load:,.0f} rows/s", f"before the search index {1e6 / load_base:,.0f} rows/s", f"{load_base / load:.2f}x"))
rows.append(("Bulk load, `add_expenses` alone, 1M rows (generator's timing)", f"{gen_rate:,.0f} rows/s", "200,000 rows/s", f"{gen_rate / 200000:.2f}x"))
rows.append(("Bulk load, `add_expenses` alone, 1M rows (generator's timing)", f"{gen_rate:,.0f} rows/s", f"before the search index {gen_rate_base:,.0f} rows/s", f"{gen_rate / gen_rate_base:.2f}x"))
size, size_base = (int(x) for x in open(os.path.join(out, "sizes.txt")).read().split())
rows.append(("Database file, 1M expenses", f"{size / 2**20:.0f} MiB", f"before the search index {size_base / 2**20:.0f} MiB", f"{size / size_base:.2f}x"))
search = json.load(open(os.path.join(out, "search.json")))
for size_label in ("10k", "1m"):
    s = search.get(size_label)
    if not s:
        continue
    rows.append((f"Search all history, keypress p50, {size_label}", f"{s['all_p50_ms']:.2f} ms", f"month filter {s['month_p50_ms']:.2f} ms", f"{s['all_p50_ms'] / s['month_p50_ms']:.2f}x"))
    rows.append((f"Search all history, keypress p99, {size_label}", f"{s['all_p99_ms']:.2f} ms", f"month filter {s['month_p99_ms']:.2f} ms", f"{s['all_p99_ms'] / s['month_p99_ms']:.2f}x"))
    rows.append((f"Search index size, {size_label}", f"{s['index_mib']:.1f} MiB", f"file {s['file_mib']:.1f} MiB", f"{s['index_mib'] / s['file_mib']:.2f}"))
    rows.append((f"Add one expense, with the index, {size_label}", f"{s['add_with_index_us']:.0f} us", f"without {s['add_without_index_us']:.0f} us", f"{s['add_with_index_us'] / s['add_without_index_us']:.2f}x"))
    rows.append((f"Add one expense, synchronous=OFF, with the index, {size_label}", f"{s['add_unsynced_with_index_us']:.0f} us", f"without {s['add_unsynced_without_index_us']:.0f} us", f"{s['add_unsynced_with_index_us'] / s['add_unsynced_without_index_us']:.2f}x"))
spend_report, hledger = hf("report.json")
rows.append(("`spend report`, both users, 100k", f"{spend_report * 1000:.1f} ms", f"hledger balance -M {hledger * 1000:.0f} ms", f"{hledger / spend_report:.0f}x faster"))
spend_export, sqlite_export, raw_export = hf("export.json")
rows.append(("`spend export --all-users`, 1M rows", f"{spend_export * 1000:.0f} ms", f"sqlite3 .mode csv {sqlite_export * 1000:.0f} ms", f"{spend_export / sqlite_export:.2f}x"))
rows.append(("`spend export --all-users`, 1M rows", f"{spend_export * 1000:.0f} ms", f"sqlite3, amount unformatted {raw_export * 1000:.0f} ms", f"{spend_export / raw_export:.2f}x"))
status, status_report, status_count = hf("status.json")
rows.append(("`spend status`, 1M, whole process", f"{status * 1000:.1f} ms", f"spend report {status_report * 1000:.1f} ms", f"{status / status_report:.2f}x"))
rows.append(("`spend status`, 1M, whole process", f"{status * 1000:.1f} ms", f"sqlite3 count(*) {status_count * 1000:.1f} ms", f"{status / status_count:.2f}x"))
rows.append(("Peak RSS `spend report`, 1M", f"{peak_kib('time-report.txt') / 1024:.1f} MiB", "", ""))
rows.append(("Peak RSS `spend export`, 1M", f"{peak_kib('time-export.txt') / 1024:.1f} MiB", "", ""))
small, large = probe("10k"), probe("1m")
for key, label in [("first_frame_ms", "App first frame (ms)"), ("scroll_ms p99", "Scroll keypress p99 (ms)"),
                   ("month_switch_ms p99", "Month switch keypress p99 (ms)"), ("filter_ms p99", "Filter keypress p99 (ms)"),
                   ("peak_rss_mib", "App peak RSS (MiB)")]:
    rows.append((f"{label}, 1M (pty)", f"{large[key]:.1f}", f"10k: {small[key]:.1f}", f"{large[key] / small[key]:.2f}x"))
if not quick:
    add, bare = criterion("add_one_expense", "add_expense_with_budget_check"), criterion("add_one_expense", "bare_insert_transaction")
    rows.append(("Add one expense with budget check", f"{add * 1e6:.0f} us", f"bare INSERT tx {bare * 1e6:.0f} us", f"{add / bare:.2f}x"))
    for bench, label in [("add_expenses_100k", "`add_expenses`, 100k rows"), ("import_csv_100k", "CSV import (parse + `import_expenses`), 100k rows")]:
        seconds = criterion("bulk_load", bench)
        rows.append((label, f"{1e5 / seconds:,.0f} rows/s", "200,000 rows/s", f"{1e5 / seconds / 200000:.2f}x"))
    for bench, label in [("open_and_first_draw", "App::new + first draw"), ("month_switch_and_draw", "Month switch + draw"),
                         ("scroll_and_draw", "Scroll + draw"), ("filter_keypress_and_draw", "Filter keypress + draw")]:
        a, b = criterion("tui_1m", bench), criterion("tui_10k", bench)
        rows.append((f"{label}, 1M (in process)", f"{a * 1e3:.2f} ms", f"10k: {b * 1e3:.2f} ms", f"{a / b:.2f}x"))
    st, st_report, st_count = (criterion("status_1m", b) for b in ("open_and_status", "open_and_report", "open_and_count_all"))
    rows.append(("Open + `status`, 1M (in process)", f"{st * 1e3:.2f} ms", f"open + report {st_report * 1e3:.2f} ms", f"{st / st_report:.2f}x"))
    rows.append(("Open + `status`, 1M (in process)", f"{st * 1e3:.2f} ms", f"open + count(*) {st_count * 1e3:.2f} ms", f"{st / st_count:.2f}x"))
    for bench in ["report", "budgets_for_month", "first_page_of_40", "page_of_40_mid_month", "count_in_month"]:
        a, b = criterion("queries_1m", bench), criterion("queries_10k", bench)
        rows.append((f"Query `{bench}`, 1M", f"{a * 1e6:.0f} us", f"10k: {b * 1e6:.0f} us", f"{a / b:.2f}x"))

lines = ["| Figure | Measured | Baseline | Ratio |", "| --- | --- | --- | --- |"]
lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
text = "\n".join(lines)
print(text)
open(os.path.join(out, "results.md"), "w").write(text + "\n")
PY
echo "== PostgreSQL: scripts/bench-postgres.sh"
SPEND_BENCH_DIR="$DIR" scripts/bench-postgres.sh "$@"

echo "== bank-statement import: scripts/bench-import.sh"
SPEND_BENCH_DIR="$DIR/import" scripts/bench-import.sh "$RUNS"

echo "== spend serve: scripts/bench-serve.sh"
SPEND_BENCH_DIR="$DIR" scripts/bench-serve.sh "$@"

echo "== machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory"
echo "== the table is in $DIR/results.md"
