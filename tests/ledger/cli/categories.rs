//! `spend category rename`, `merge` and `delete`: categories are shared by all users.

use serde_json::json;

use super::{Spend, alert_lines};
use crate::ledgers::on_every_engine;

/// A user, month, category key and total, as text; the total in the engine's own unit.
type Total = Vec<String>;

/// The kept month totals and the sums of the rows they stand for, per user, month and
/// category: equal after any change.
fn totals_and_sums(spend: &Spend) -> (Vec<Total>, Vec<Total>) {
    let kept = spend.text_rows(
        "SELECT CAST(user_id AS TEXT), CAST(month AS TEXT), CAST(category_key AS TEXT),
                CAST(total AS TEXT)
         FROM month_totals WHERE count > 0 ORDER BY 1, 2, 3",
    );
    let summed = spend.text_rows(
        "SELECT CAST(e.user_id AS TEXT), substr(CAST(e.date AS TEXT), 1, 7),
                CAST(coalesce(e.category_id, 0) AS TEXT), CAST(sum(e.amount) AS TEXT)
         FROM expenses e JOIN users u ON u.id = e.user_id WHERE e.currency = u.currency
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    );
    assert!(!kept.is_empty(), "there are totals to compare");
    (kept, summed)
}

#[test]
fn a_category_is_renamed_for_everyone_and_names_stay_unique() {
    on_every_engine(Spend::sample_on, |spend| {
        assert_eq!(
            spend.ok(&["category", "rename", "food", "Groceries"]),
            "renamed category \"Food\" to \"Groceries\"\n"
        );
        let priya = spend.json(&["--user", "priya@example.com", "list", "--json"]);
        assert_eq!(priya["expenses"][0]["category"], "Groceries");
        assert_eq!(
            spend.refused(&["category", "rename", "Groceries", "SHOPPING"]),
            "error: category \"Shopping\" already exists"
        );
        assert_eq!(
            spend
                .refused(&["category", "rename", "Nothing", "Else"])
                .split(';')
                .next(),
            Some("error: unknown category \"Nothing\"")
        );
        assert_eq!(
            spend.ok(&["category", "rename", "groceries", "GROCERIES"]),
            "renamed category \"Groceries\" to \"GROCERIES\"\n",
            "a change of case is a rename, not a clash"
        );
    });
}

#[test]
fn a_merge_moves_expenses_and_budgets_keeps_totals_and_checks_budgets_again() {
    on_every_engine(Spend::sample_on, |spend| {
        spend.ok(&["category", "add", "Snacks"]);
        spend.ok(&["budget", "set", "Snacks", "100"]);
        spend.ok(&[
            "--user",
            "priya@example.com",
            "budget",
            "set",
            "Snacks",
            "50",
            "--month",
            "2025-06",
        ]);
        let over = spend.ok(&[
            "add",
            "7000",
            "Snacks",
            "--date",
            "2025-05-12",
            "--note",
            "Party",
        ]);
        assert_eq!(alert_lines(&over).len(), 1, "Snacks alone is over: {over}");
        spend.ok(&[
            "--user",
            "priya@example.com",
            "add",
            "20",
            "snacks",
            "--date",
            "2025-06-02",
        ]);

        // Food for Aman in May: 8,000.00 budgeted, 1,450.00 spent. With Snacks: 8,100.00 and
        // 8,450.00, over the budget, so the merged bucket fires.
        let merged = spend.ok(&["category", "merge", "snacks", "food"]);
        assert_eq!(
            merged,
            "merged \"Snacks\" into \"Food\": moved 2 expenses and 1 budget, added 1 budget to Food's\n\
             ALERT BUDGET_EXCEEDED: Budget exceeded for Food for May 2025. Spent: 8,450.00 / 8,100.00\n"
        );
        let budgets = spend.json(&["budget", "list", "--json"]);
        let food = budgets["budgets"]
            .as_array()
            .expect("budgets")
            .iter()
            .find(|b| b["category"] == "Food")
            .expect("Food")
            .clone();
        assert_eq!(
            food,
            json!({"category": "Food", "budget": "8100.00", "spent": "8450.00",
                   "remaining": "-350.00", "percent": 104, "level": "exceeded",
                   "carried": "0.00", "standing": false, "rollover": false,
                   "carry_overspending": false,
                   // 8,450.00 spent by the 20th of 31 days.
                   "pace": "13097.50", "recurring_due": "0.00"})
        );
        let june = spend.json(&[
            "--user",
            "priya@example.com",
            "budget",
            "list",
            "--json",
            "--month",
            "2025-06",
        ]);
        assert_eq!(june["budgets"][0]["category"], "Food");
        assert_eq!(june["budgets"][0]["spent"], "20.00");
        let (kept, summed) = totals_and_sums(&spend);
        assert_eq!(kept, summed, "the kept totals follow the moved expenses");
        let names: Vec<String> = spend
            .json(&["category", "list", "--json"])
            .as_array()
            .expect("categories")
            .iter()
            .map(|c| c["name"].as_str().expect("a name").to_string())
            .collect();
        assert!(!names.contains(&"Snacks".to_string()), "{names:?}");

        // The old bucket's own alert is history and keeps its category.
        let alerts = spend.json(&["alerts", "--all", "--json"]);
        assert_eq!(alerts[1]["category"], "Snacks");
    });
}

#[test]
fn a_merge_into_itself_or_an_unknown_category_is_refused() {
    on_every_engine(Spend::sample_on, |spend| {
        assert_eq!(
            spend.refused(&["category", "merge", "Food", "food"]),
            "error: cannot merge \"Food\" into itself"
        );
        let unknown = spend.refused(&["category", "merge", "Food", "Snacks"]);
        assert!(
            unknown.starts_with("error: unknown category \"Snacks\""),
            "{unknown}"
        );
    });
}

#[test]
fn a_category_in_use_is_deleted_only_with_force() {
    on_every_engine(Spend::sample_on, |spend| {
        assert_eq!(
            spend.refused(&["category", "delete", "food"]),
            "error: category \"Food\" has 3 expenses and 2 budgets; merge it into another with \
             `spend category merge \"Food\" OTHER`, or add --force to delete it (its expenses keep \
             no category, its budgets go)"
        );
        assert_eq!(
            spend.refused(&["category", "delete", "Transport"]),
            "error: category \"Transport\" has 1 expense and 1 budget; merge it into another with \
             `spend category merge \"Transport\" OTHER`, or add --force to delete it (its expenses \
             keep no category, its budgets go)"
        );
        assert_eq!(
            spend.ok(&["category", "delete", "rent"]),
            "deleted category \"Rent\"\n",
            "an unused category needs no --force"
        );
        assert_eq!(
            spend.ok(&["category", "delete", "Transport", "--force"]),
            "deleted category \"Transport\"\n"
        );
        let list = spend.json(&["list", "--json"]);
        let taxi = list["expenses"]
            .as_array()
            .expect("expenses")
            .iter()
            .find(|e| e["id"] == 3)
            .expect("the taxi is kept");
        assert_eq!(taxi["category"], serde_json::Value::Null);
    });
}
