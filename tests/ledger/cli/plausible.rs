//! Implausible input: a zero expense, a negative budget in a budget's words, and dates before
//! 1970 or more than a year ahead, which need `--yes`.

use super::{Spend, alert_lines};
use crate::ledgers::on_every_engine;

#[test]
fn a_zero_expense_is_refused_and_a_zero_budget_is_not() {
    on_every_engine(Spend::sample_on, |spend| {
        for args in [
            vec!["add", "0", "Food"],
            vec!["add", "0.00", "Food"],
            vec!["edit", "1", "--amount", "0"],
        ] {
            let error = spend.refused(&args);
            assert!(
                error.ends_with("is zero; an expense must be more than 0"),
                "{args:?}: {error}"
            );
        }
        assert_eq!(
            spend.refused(&["add", "₹0", "Food"]),
            "error: amount \"₹0\" is zero; an expense must be more than 0"
        );
        let zero_budget = spend.ok(&["budget", "set", "Rent", "0"]);
        assert_eq!(
            zero_budget,
            "standing budget for Rent: 0.00 a month from 2025-05\n"
        );
        let rent = spend.ok(&["add", "1", "Rent"]);
        assert_eq!(
            alert_lines(&rent).len(),
            1,
            "anything spent exceeds it: {rent}"
        );
    });
}

#[test]
fn a_negative_budget_is_refused_in_a_budgets_words() {
    on_every_engine(Spend::sample_on, |spend| {
        assert_eq!(
            spend.refused(&["budget", "set", "Food", "-100"]),
            "error: budget \"-100\" is negative; set a budget of 0 or more"
        );
    });
}

#[test]
fn far_dates_need_yes_on_add_and_edit() {
    on_every_engine(Spend::sample_on, |spend| {
        for (args, doubt) in [
            (
                vec!["add", "5", "Food", "--date", "1969-12-31"],
                "date 1969-12-31 is before 1970-01-01",
            ),
            (
                vec!["add", "5", "Food", "--date", "2026-05-21"],
                "date 2026-05-21 is more than a year after today (2025-05-20)",
            ),
            (
                vec!["edit", "1", "--date", "0201-05-02"],
                "date 0201-05-02 is before 1970-01-01",
            ),
        ] {
            assert_eq!(
                spend.refused(&args),
                format!("error: {doubt}; if it is right, add --yes")
            );
        }
        assert_eq!(
            spend.ok(&["add", "5", "Food", "--date", "2026-05-20"]),
            "added expense #6\n",
            "a year ahead is still ordinary"
        );
        assert_eq!(
            spend.ok(&["add", "5", "Food", "--date", "1969-12-31", "--yes"]),
            "added expense #7\n"
        );
        assert_eq!(
            spend.ok(&["edit", "1", "--date", "2031-01-01", "--yes"]),
            "edited expense #1\n"
        );
        assert_eq!(
            spend.ok(&["edit", "1", "--amount", "260"]),
            "edited expense #1\n",
            "an edit that leaves the date alone asks nothing"
        );
    });
}
