//! The reference design's four queries (its database/queries.md), run unchanged against a
//! ledger `spend` keeps on PostgreSQL, agree with what `spend` reports; and a database
//! `spend` cannot read is left as it was.

use chrono::Datelike;
use rust_decimal::Decimal;
use smart_spending_tracker::domain::{Month, MonthRange};
use smart_spending_tracker::store::{Location, NewUserDefaults, Store, StoreError};

use crate::ledgers::{Engine, Ledger, engines};
use crate::support::{AMAN, FOOD, SHOPPING, TRANSPORT, add};

/// The queries exactly as the reference writes them, comments and line breaks included.
const MONTHLY_TOTAL: &str = "SELECT date_trunc('month', date) AS month, SUM(amount) AS total
FROM expenses
WHERE user_id = 1
GROUP BY month
ORDER BY month DESC;";

const TOP_CATEGORIES: &str = "SELECT c.name, SUM(e.amount) AS total
FROM expenses e
JOIN categories c ON e.category_id = c.id
WHERE e.user_id = 1 AND date >= date_trunc('month', CURRENT_DATE)
GROUP BY c.name
ORDER BY total DESC;";

const BUDGET_VS_SPENT: &str = "SELECT b.user_id, c.name AS category, b.amount AS budget_amount,
COALESCE(SUM(e.amount),0) AS spent
FROM budgets b
LEFT JOIN expenses e ON e.user_id = b.user_id AND e.category_id =
b.category_id
      AND date >= make_date(b.year, b.month, 1) AND date < (make_date(b.year,
b.month, 1) + interval '1 month')
JOIN categories c ON c.id = b.category_id
WHERE b.user_id = 1 AND b.month = 5 AND b.year = 2025
GROUP BY b.id, c.name;";

const ROLLING: &str = "SELECT month, SUM(total) OVER (ORDER BY month ROWS BETWEEN 2 PRECEDING AND
CURRENT ROW) AS rolling_3m_spend
FROM (
    SELECT date_trunc('month', date) AS month, SUM(amount) AS total
    FROM expenses WHERE user_id = 1 GROUP BY month
) t;";

fn postgres() -> Option<Engine> {
    engines()
        .into_iter()
        .find(|engine| matches!(engine, Engine::Postgres(_)))
}

fn client(ledger: &Ledger) -> postgres::Client {
    postgres::Client::connect(ledger.url().expect("a server ledger"), postgres::NoTls)
        .expect("connect as a reporting tool would")
}

#[test]
fn the_reference_queries_agree_with_spend() {
    let Some(engine) = postgres() else {
        return;
    };
    let mut ledger = Ledger::sample(&engine);
    let this_month = Month::of(chrono::Local::now().date_naive());
    let today = this_month
        .first_day()
        .with_day(3)
        .unwrap_or(this_month.first_day());
    add(&mut ledger, AMAN, SHOPPING, "2000", "2025-05-20");
    add(&mut ledger, AMAN, FOOD, "99.50", "2025-03-07");
    add(&mut ledger, AMAN, TRANSPORT, "40", &today.to_string());
    add(&mut ledger, AMAN, FOOD, "60.25", &today.to_string());
    let mut tool = client(&ledger);
    // date_trunc over a DATE gives a timestamptz; read it in UTC so the month is the month.
    tool.batch_execute("SET TIME ZONE 'UTC'")
        .expect("session time zone");

    // 1) Monthly totals, newest first: every month with spending.
    let months: Vec<(chrono::DateTime<chrono::Utc>, Decimal)> = tool
        .query(MONTHLY_TOTAL, &[])
        .expect("query 1 runs")
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    assert_eq!(months.len(), 3, "{months:?}");
    for (start, total) in &months {
        let month = Month::of(start.date_naive());
        let ours = ledger
            .monthly_totals(AMAN, MonthRange::ending(month, 1))
            .expect("totals");
        assert_eq!(ours[0].total, *total, "{month}");
    }

    // 2) This month's top categories.
    let top: Vec<(String, Decimal)> = tool
        .query(TOP_CATEGORIES, &[])
        .expect("query 2 runs")
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let ours: Vec<(String, Decimal)> = ledger
        .category_totals(AMAN, this_month)
        .expect("top")
        .into_iter()
        .map(|c| (c.category, c.total))
        .collect();
    assert_eq!(top, ours);

    // 3) Budget against spent, May 2025.
    let mut compared: Vec<(String, Decimal, Decimal)> = tool
        .query(BUDGET_VS_SPENT, &[])
        .expect("query 3 runs")
        .iter()
        .map(|row| (row.get(1), row.get(2), row.get(3)))
        .collect();
    compared.sort();
    let may = Month::parse("2025-05").expect("month");
    let ours: Vec<(String, Decimal, Decimal)> = ledger
        .budgets_for_month(AMAN, may)
        .expect("budgets")
        .into_iter()
        .map(|b| (b.category, b.budget, b.spent))
        .collect();
    assert_eq!(compared, ours);
    assert!(
        compared.iter().any(|(_, budget, spent)| spent > budget),
        "Shopping is over"
    );

    // 4) The rolling sum over the months that have spending, as the reference defines it.
    let rolling: Vec<Decimal> = tool
        .query(ROLLING, &[])
        .expect("query 4 runs")
        .iter()
        .map(|row| row.get(1))
        .collect();
    let totals: Vec<Decimal> = months.iter().rev().map(|(_, total)| *total).collect();
    let expected: Vec<Decimal> = (0..totals.len())
        .map(|i| totals[i.saturating_sub(2)..=i].iter().sum())
        .collect();
    assert_eq!(rolling, expected);
}

#[test]
fn a_newer_schema_and_a_foreign_database_are_refused_untouched() {
    let Some(engine) = postgres() else {
        return;
    };
    let ledger = Ledger::sample(&engine);
    let url = ledger.url().expect("url").to_string();
    let mut tool = client(&ledger);
    tool.batch_execute("UPDATE spend_schema SET version = 99")
        .expect("a newer program's mark");
    let before = ledger.snapshot();
    let refused = Store::open_location(
        &Location::Postgres(url.clone()),
        &NewUserDefaults::default(),
    );
    assert!(
        matches!(refused, Err(StoreError::SchemaTooNew { found: 99, .. })),
        "{:?}",
        refused.err()
    );
    assert_eq!(ledger.snapshot(), before, "nothing was written");

    tool.batch_execute("DROP TABLE spend_schema; CREATE TABLE their_table (x integer)")
        .expect("another program's tables");
    let refused = Store::open_location(&Location::Postgres(url), &NewUserDefaults::default());
    let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("another program"), "{message}");
}

#[test]
fn the_queries_here_are_the_reference_text() {
    let Some(reference) = crate::support::reference_design_text() else {
        return;
    };
    let lines: std::collections::HashSet<&str> = reference.lines().collect();
    for query in [MONTHLY_TOTAL, TOP_CATEGORIES, BUDGET_VS_SPENT, ROLLING] {
        for line in query.lines() {
            assert!(lines.contains(line), "not in the reference: {line:?}");
        }
    }
}
