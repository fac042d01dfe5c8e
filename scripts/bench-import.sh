#!/usr/bin/env bash
# Bank-statement import at 100,000 rows, through the real binary (hyperfine), each figure next
# to a baseline measured in the same run:
#   - the first import of a 100k-row statement into an empty ledger, deduplication included
#   - importing it again, every row a duplicate, which must take no longer than the first
#   - the baseline: the same spending rows in the export's own CSV format, which has no
#     statement reading, no categorisation and no fingerprints
# With SPEND_BENCH_PG_URL naming a PostgreSQL server (postgres://user@host:port/db, as
# scripts/pg-cluster.sh exports it for tests in SPEND_TEST_PG_URL), the same three on it.
# Data goes to a temporary directory (SPEND_BENCH_DIR to choose one), never the repository.
# Usage: scripts/bench-import.sh [RUNS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${1:-5}"
ROWS=100000
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

DIR="${SPEND_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/spend-import-bench.XXXXXX")}"
mkdir -p "$DIR"
echo "== data and results in $DIR"
cargo build --release --locked --bin spend 2>&1 | tail -1
SPEND="$PWD/target/release/spend"
export SPEND_TODAY=2025-12-31 NO_COLOR=1 LC_ALL=C

# A German bank's layout: a preamble, ';', DD.MM.YYYY, decimal commas, salary coming in once a
# month, descriptions that repeat as real ones do (so identical rows occur), and a footer.
python3 - "$DIR" "$ROWS" <<'PY'
import random, sys
out, rows = sys.argv[1], int(sys.argv[2])
random.seed(7)
shops = ["REWE Markt", "Aldi Sued", "DB Fahrkarte", "Amazon Mktp", "Tankstelle", "Apotheke",
         "Cafe Mueller", "Spotify", "Kino", "Baeckerei", "Lidl", "Miete"]
lines = ["Kontonummer;DE0012345678", "Zeitraum;01.01.2021 - 31.12.2025", "",
         "Buchungstag;Valuta;Auftraggeber/Empfänger;Verwendungszweck;Betrag (EUR)"]
own = ["amount,category,date,note"]
spending = 0
for i in range(rows):
    day = 1 + (i * 1826) // rows
    y, rest = 2021, day
    import datetime
    d = datetime.date(2021, 1, 1) + datetime.timedelta(days=day - 1)
    date = d.strftime("%d.%m.%Y")
    if i % 1000 == 0:
        lines.append(f"{date};{date};Arbeitgeber GmbH;Gehalt;3.250,00")
        continue
    shop = random.choice(shops)
    cents = random.randint(100, 25000)
    amount = f"{cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"
    memo = f"Kartenzahlung {random.randint(1, 40)}"
    lines.append(f"{date};{date};{shop};{memo};-{amount}")
    own.append(f"{cents // 100}.{cents % 100:02d},Food,{d.isoformat()},{shop} - {memo}")
    spending += 1
lines.append(";;;Endsaldo;12.345,67")
open(f"{out}/statement.csv", "w", encoding="latin-1").write("\n".join(lines) + "\n")
open(f"{out}/own.csv", "w").write("\n".join(own) + "\n")
print(f"statement: {rows} rows, {spending} spending")
PY

"$SPEND" --db "$DIR/empty.db" category list >/dev/null
cp "$DIR/empty.db" "$DIR/imported.db"
"$SPEND" --db "$DIR/imported.db" import "$DIR/statement.csv"

hyperfine --runs "$RUNS" --export-json "$DIR/import.json" \
  --prepare "cp $DIR/empty.db $DIR/run.db; rm -f $DIR/run.db-wal $DIR/run.db-shm" \
  -n "first import" "$SPEND --db $DIR/run.db import $DIR/statement.csv" \
  -n "own format (baseline)" "$SPEND --db $DIR/run.db import $DIR/own.csv"
hyperfine --runs "$RUNS" --export-json "$DIR/reimport.json" \
  --prepare "cp $DIR/imported.db $DIR/run.db; rm -f $DIR/run.db-wal $DIR/run.db-shm" \
  -n "re-import, all duplicates" "$SPEND --db $DIR/run.db import $DIR/statement.csv"

python3 - "$DIR" "$ROWS" <<'PY'
import json, sys
out, rows = sys.argv[1], int(sys.argv[2])
results = {r["command"]: r for f in ("import.json", "reimport.json")
           for r in json.load(open(f"{out}/{f}"))["results"]}
first = results["first import"]["median"]
again = results["re-import, all duplicates"]["median"]
own = results["own format (baseline)"]["median"]
print(f"| Statement import, {rows:,} rows, first (hyperfine median) | {rows / first:,.0f} rows/s ({first * 1000:,.0f} ms) | own format, same spending rows {rows / own:,.0f} rows/s ({own * 1000:,.0f} ms) | {first / own:.2f}x | >= 100,000 rows/s | {'yes' if rows / first >= 100000 else 'no'} |")
print(f"| Statement re-import, all duplicates | {again * 1000:,.0f} ms | first import {first * 1000:,.0f} ms | {again / first:.2f}x | <= 1x | {'yes' if again <= first else 'no'} |")
PY

[[ -n "${SPEND_BENCH_PG_URL:-}" ]] || exit 0
PG="$SPEND_BENCH_PG_URL"
BASE="${PG%/*}"
fresh="psql -q '$PG' -c 'DROP DATABASE IF EXISTS spend_import_bench' -c 'CREATE DATABASE spend_import_bench' && $SPEND --db $BASE/spend_import_bench category list >/dev/null"
hyperfine --runs "$RUNS" --export-json "$DIR/pg-import.json" --prepare "$fresh" \
  -n "first import" "$SPEND --db $BASE/spend_import_bench import $DIR/statement.csv" \
  -n "own format (baseline)" "$SPEND --db $BASE/spend_import_bench import $DIR/own.csv"
eval "$fresh"
"$SPEND" --db "$BASE/spend_import_bench" import "$DIR/statement.csv"
hyperfine --runs "$RUNS" --export-json "$DIR/pg-reimport.json" \
  -n "re-import, all duplicates" "$SPEND --db $BASE/spend_import_bench import $DIR/statement.csv"
psql -q "$PG" -c 'DROP DATABASE IF EXISTS spend_import_bench'
python3 - "$DIR" "$ROWS" <<'PY'
import json, sys
out, rows = sys.argv[1], int(sys.argv[2])
results = {r["command"]: r for f in ("pg-import.json", "pg-reimport.json")
           for r in json.load(open(f"{out}/{f}"))["results"]}
first = results["first import"]["median"]
again = results["re-import, all duplicates"]["median"]
own = results["own format (baseline)"]["median"]
print(f"| Statement import, {rows:,} rows, first, PostgreSQL | {rows / first:,.0f} rows/s ({first * 1000:,.0f} ms) | own format, same spending rows {rows / own:,.0f} rows/s ({own * 1000:,.0f} ms) | {first / own:.2f}x | >= 100,000 rows/s | {'yes' if rows / first >= 100000 else 'no'} |")
print(f"| Statement re-import, all duplicates, PostgreSQL | {again * 1000:,.0f} ms | first import {first * 1000:,.0f} ms | {again / first:.2f}x | <= 1x | {'yes' if again <= first else 'no'} |")
PY
