//! `spend export --powerbi DIR`: the star schema loads back, every join is complete, and the
//! reference dashboard's KPI computed from the files agrees with `spend status`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rust_decimal::Decimal;

use super::{Spend, text};

const BOM: &str = "\u{feff}";

/// A file of the bundle as (header, rows); it must start with the byte-order mark if `bom`.
fn load(dir: &Path, name: &str, bom: bool) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let raw = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let body = raw.strip_prefix(BOM);
    assert_eq!(body.is_some(), bom, "{name}: byte-order mark");
    let mut reader = csv::Reader::from_reader(body.unwrap_or(&raw).as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|record| {
            let record = record.expect("a CSV record");
            header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

fn column(rows: &[BTreeMap<String, String>], name: &str) -> BTreeSet<String> {
    rows.iter().map(|row| row[name].clone()).collect()
}

/// The sample with more months, an over-budget month, a deleted category, and notes a
/// spreadsheet would misread.
fn ledger() -> Spend {
    let spend = Spend::with_sample();
    spend.ok(&["add", "2000", "Shopping", "--note", "Concert tickets"]);
    spend.ok(&[
        "add",
        "450",
        "Entertainment",
        "--date",
        "2025-04-12",
        "--note",
        "=HYPERLINK(\"x\")",
    ]);
    spend.ok(&[
        "add",
        "99.50",
        "Food",
        "--date",
        "2025-03-30",
        "--note",
        "Café ₹ crème",
    ]);
    spend.ok(&["budget", "set", "Food", "1000", "--month", "2025-06"]);
    spend.ok(&["category", "delete", "Entertainment", "--force"]);
    spend
}

#[test]
#[allow(clippy::too_many_lines)] // One bundle, checked file by file.
fn the_bundle_loads_back_with_every_join_complete() {
    let spend = ledger();
    let dir = spend.dir().join("bi");
    let dir_text = dir.to_str().expect("UTF-8 path");
    let out = spend.ok(&["export", "--all-users", "--powerbi", dir_text]);
    assert_eq!(
        out,
        format!(
            "exported a Power BI bundle to {dir_text}: 8 expenses, 5 budgets, 5 categories, \
             2 users, 1 alert, a calendar of 122 days\n"
        )
    );
    let (header, expenses) = load(&dir, "expenses.csv", true);
    assert_eq!(
        header.join(","),
        "id,user_id,category_id,category,amount,currency,date,note"
    );
    let (header, budgets) = load(&dir, "budgets.csv", true);
    assert_eq!(
        header.join(","),
        "budget_id,user_id,category_id,category,year,month,month_start,amount,carried,in_effect,\
         currency"
    );
    let (_, categories) = load(&dir, "categories.csv", true);
    let (_, users) = load(&dir, "users.csv", true);
    let (_, alerts) = load(&dir, "alerts.csv", true);
    let (header, calendar) = load(&dir, "calendar.csv", true);
    assert_eq!(header.join(","), "date,year,month,month_start,month_name");

    let category_ids = column(&categories, "category_id");
    let user_ids = column(&users, "user_id");
    let days = column(&calendar, "date");
    for e in &expenses {
        assert!(
            category_ids.contains(&e["category_id"]),
            "expense {e:?} has no category row"
        );
        assert!(
            user_ids.contains(&e["user_id"]),
            "expense {e:?} has no user row"
        );
        assert!(
            days.contains(&e["date"]),
            "expense {e:?} has no calendar day"
        );
    }
    for b in &budgets {
        assert!(
            category_ids.contains(&b["category_id"]),
            "budget {b:?} has no category row"
        );
        assert!(
            user_ids.contains(&b["user_id"]),
            "budget {b:?} has no user row"
        );
        assert!(
            days.contains(&b["month_start"]),
            "budget {b:?} has no calendar day"
        );
    }
    for a in &alerts {
        assert!(
            user_ids.contains(&a["user_id"]),
            "alert {a:?} has no user row"
        );
    }
    // The calendar runs day by day over whole months: from the first day of the first
    // expense's month to the last day of the last budget month.
    assert_eq!(
        calendar.first().map(|d| d["date"].as_str()),
        Some("2025-03-01")
    );
    assert_eq!(
        calendar.last().map(|d| d["date"].as_str()),
        Some("2025-06-30")
    );
    let may_2 = calendar
        .iter()
        .find(|d| d["date"] == "2025-05-02")
        .expect("a day in May");
    assert_eq!(
        (
            may_2["year"].as_str(),
            may_2["month"].as_str(),
            may_2["month_start"].as_str()
        ),
        ("2025", "5", "2025-05-01")
    );
    assert_eq!(
        may_2["month_name"], "May 2025",
        "FORMAT([date], \"MMM yyyy\")"
    );
    // The deleted category's expense joins a row of its own.
    let orphan = expenses
        .iter()
        .find(|e| e["amount"] == "450.00")
        .expect("the orphan");
    assert_eq!(
        (orphan["category_id"].as_str(), orphan["category"].as_str()),
        ("0", "(no category)")
    );
    // Formulas are neutralised; accents and ₹ survive.
    assert_eq!(orphan["note"], "'=HYPERLINK(\"x\")");
    assert!(expenses.iter().any(|e| e["note"] == "Café ₹ crème"));
    let readme = std::fs::read_to_string(dir.join("README.txt")).expect("README.txt");
    for needed in [
        "BudgetCompare = DIVIDE([TotalSpent], [BudgetAmount])",
        "calendar[date]           1 -> *  budgets[month_start]",
        "categories[category_id]  1 -> *  expenses[category_id]",
        "users[user_id]           1 -> *  budgets[user_id]",
    ] {
        assert!(
            readme.contains(needed),
            "README.txt lacks {needed}:\n{readme}"
        );
    }
}

#[test]
fn the_kpi_built_from_the_files_agrees_with_spend_status() {
    let spend = ledger();
    let dir = spend.dir().join("bi");
    spend.ok(&[
        "export",
        "--all-users",
        "--powerbi",
        dir.to_str().expect("UTF-8"),
    ]);
    let (_, expenses) = load(&dir, "expenses.csv", true);
    let (_, budgets) = load(&dir, "budgets.csv", true);
    let (_, calendar) = load(&dir, "calendar.csv", true);
    let month_of: BTreeMap<&str, &str> = calendar
        .iter()
        .map(|d| (d["date"].as_str(), d["month_name"].as_str()))
        .collect();
    let amount = |text: &str| text.parse::<Decimal>().expect("an amount");
    // Filters as the reference's slicers set them: user 1, the month May 2025.
    let total_spent: Decimal = expenses
        .iter()
        .filter(|e| e["user_id"] == "1" && month_of[e["date"].as_str()] == "May 2025")
        .map(|e| amount(&e["amount"]))
        .sum();
    let budget: Decimal = budgets
        .iter()
        .filter(|b| b["user_id"] == "1" && month_of[b["month_start"].as_str()] == "May 2025")
        .map(|b| amount(&b["in_effect"]))
        .sum();
    let run = spend.run(&["status", "--json"]);
    assert_eq!(
        run.code,
        Some(2),
        "Shopping is over its budget: {}",
        run.stderr
    );
    let status: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(total_spent, amount(text(&status, "spent")));
    assert_eq!(budget, amount(text(&status, "budget")));
    // BudgetCompare = DIVIDE([TotalSpent], [BudgetAmount]), as a whole percent rounded
    // half to even, as spend shows every percent.
    let compare = (total_spent * Decimal::from(100) / budget)
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointNearestEven);
    assert_eq!(status["percent"].to_string(), compare.to_string());
}

#[test]
fn the_kpi_uses_the_budget_in_effect_with_what_rolled_over() {
    let spend = ledger();
    // Food rolls over from March: March leaves 900.50 and April 1,000.00, so May is held to
    // its own 8,000.00 plus 1,900.50 carried.
    spend.ok(&[
        "budget",
        "set",
        "Food",
        "1000",
        "--from",
        "2025-03",
        "--rollover",
    ]);
    let dir = spend.dir().join("bi");
    spend.ok(&["export", "--powerbi", dir.to_str().expect("UTF-8")]);
    let (header, budgets) = load(&dir, "budgets.csv", true);
    assert_eq!(
        header,
        [
            "budget_id",
            "user_id",
            "category_id",
            "category",
            "year",
            "month",
            "month_start",
            "amount",
            "carried",
            "in_effect",
            "currency"
        ]
    );
    let food_may = budgets
        .iter()
        .find(|b| b["category"] == "Food" && b["month_start"] == "2025-05-01")
        .expect("Food in May");
    assert_eq!(
        (
            food_may["amount"].as_str(),
            food_may["carried"].as_str(),
            food_may["in_effect"].as_str()
        ),
        ("8000.00", "1900.50", "9900.50")
    );
    let amount = |text: &str| text.parse::<Decimal>().expect("an amount");
    let in_may = |b: &&BTreeMap<String, String>| b["month_start"] == "2025-05-01";
    let kpi: Decimal = budgets
        .iter()
        .filter(in_may)
        .map(|b| amount(&b["in_effect"]))
        .sum();
    // Exit 2: Shopping is over its budget.
    let run = spend.run(&["status", "--json"]);
    let status: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(kpi, amount(text(&status, "budget")));
    let readme = std::fs::read_to_string(dir.join("README.txt")).expect("README");
    assert!(
        readme.contains("BudgetAmount  = SUM(budgets[in_effect])"),
        "{readme}"
    );
}

#[test]
fn the_calendar_reaches_back_fifty_years_at_most_however_far_the_dates_go() {
    let spend = Spend::new();
    for date in ["0001-01-01", "9999-12-31"] {
        spend.ok(&["add", "1", "Food", "--date", date, "--yes"]);
    }
    let dir = spend.dir().join("bi");
    let dir_text = dir.to_str().expect("UTF-8 path");
    let out = spend.ok(&["export", "--powerbi", dir_text]);
    // 600 months, 9950-01 to 9999-12: 50 years of 365 days and 12 leap days.
    assert_eq!(
        out,
        format!(
            "exported a Power BI bundle to {dir_text}: 2 expenses, 0 budgets, 5 categories, \
             1 user, 0 alerts, a calendar of 18262 days from 9950-01-01, the most it holds; \
             expenses and budgets before that, back to 0001-01, have no day in it (see \
             README.txt)\n"
        )
    );
    let (_, calendar) = load(&dir, "calendar.csv", true);
    assert_eq!(calendar.len(), 18_262);
    assert_eq!(
        calendar.first().map(|d| d["date"].as_str()),
        Some("9950-01-01")
    );
    assert_eq!(
        calendar.last().map(|d| d["date"].as_str()),
        Some("9999-12-31")
    );
    let readme = std::fs::read_to_string(dir.join("README.txt")).expect("README.txt");
    for needed in [
        "calendar.csv    18262 days, 9950-01-01 to 9999-12-31",
        "at most 50 years",
        "The data goes back to 0001-01",
    ] {
        assert!(
            readme.contains(needed),
            "README.txt lacks {needed}:\n{readme}"
        );
    }
}

#[test]
fn the_bundle_follows_the_user_and_range_and_bom_options() {
    let spend = ledger();
    let dir = spend.dir().join("may");
    let dir_text = dir.to_str().expect("UTF-8");
    spend.ok(&[
        "export",
        "--powerbi",
        dir_text,
        "--from",
        "2025-05-01",
        "--to",
        "2025-05-31",
        "--no-bom",
    ]);
    let (_, expenses) = load(&dir, "expenses.csv", false);
    let (_, budgets) = load(&dir, "budgets.csv", false);
    let (_, users) = load(&dir, "users.csv", false);
    let (_, calendar) = load(&dir, "calendar.csv", false);
    assert!(
        expenses
            .iter()
            .all(|e| e["user_id"] == "1" && e["date"].starts_with("2025-05"))
    );
    assert_eq!(expenses.len(), 5);
    assert_eq!(
        column(&budgets, "month_start"),
        BTreeSet::from(["2025-05-01".to_string()])
    );
    assert_eq!(column(&users, "user_id"), BTreeSet::from(["1".to_string()]));
    assert_eq!(calendar.len(), 31);
    // Without an orphan, expenses.csv is the plain export, byte for byte.
    let plain = spend.ok(&["export", "--from", "2025-05-01", "--to", "2025-05-31"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("expenses.csv")).expect("read"),
        plain
    );
}

#[test]
fn an_existing_bundle_is_kept_unless_forced_and_nothing_half_written_appears() {
    let spend = ledger();
    let dir = spend.dir().join("kept");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join("calendar.csv"), "mine\n").expect("write");
    let dir_text = dir.to_str().expect("UTF-8");
    let error = spend.refused(&["export", "--powerbi", dir_text]);
    assert!(error.contains("calendar.csv already exists"), "{error}");
    let left: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["calendar.csv"], "no other file, no partial file");
    assert_eq!(
        std::fs::read_to_string(dir.join("calendar.csv")).expect("read"),
        "mine\n"
    );
    spend.ok(&["export", "--powerbi", dir_text, "--force"]);
    assert!(
        std::fs::read_to_string(dir.join("calendar.csv"))
            .expect("read")
            .contains("month_name")
    );
    let file = spend.dir().join("plain.txt");
    std::fs::write(&file, "x").expect("write");
    let error = spend.refused(&["export", "--powerbi", file.to_str().expect("UTF-8")]);
    assert!(error.contains("--powerbi needs a directory"), "{error}");
    let both = spend.run(&["export", "--powerbi", dir_text, "-o", "x.csv"]);
    assert_eq!(both.code, Some(2), "{}", both.stderr);
}

#[test]
fn a_plain_csv_export_takes_a_bom_on_request() {
    let spend = Spend::with_sample();
    let out = spend.ok(&["export", "--bom"]);
    assert!(out.starts_with("\u{feff}id,user_id,"), "{out}");
    let path = spend.dir().join("x.csv");
    spend.ok(&["export", "--bom", "-o", path.to_str().expect("UTF-8")]);
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .starts_with("\u{feff}id,")
    );
}
