//! A command that names an id acts only inside the current user's ledger.

use super::Spend;
use crate::ledgers::on_every_engine;

#[test]
fn another_users_expense_or_alert_is_refused_and_nothing_is_written() {
    on_every_engine(Spend::sample_on, |spend| {
        let set = spend.ok(&[
            "--user",
            "priya@example.com",
            "budget",
            "set",
            "Food",
            "200",
        ]);
        assert!(set.contains("ALERT BUDGET_EXCEEDED"), "{set}");
        let aman = ["--user", "aman@example.com"];
        for (args, error) in [
            (
                vec!["edit", "5", "--amount", "99999"],
                "error: no expense #5",
            ),
            (
                vec!["edit", "5", "--note", "mine now"],
                "error: no expense #5",
            ),
            (vec!["delete", "5"], "error: no expense #5"),
            (vec!["alerts", "seen", "1"], "error: no alert #1"),
            (vec!["alerts", "seen", "2"], "error: no alert #2"),
        ] {
            let full: Vec<&str> = aman.iter().copied().chain(args).collect();
            assert_eq!(spend.refused(&full), error, "spend {full:?}");
        }
        // The default user is Aman too.
        assert_eq!(spend.refused(&["delete", "5"]), "error: no expense #5");

        let priya = ["--user", "priya@example.com"];
        let run = |args: &[&str]| {
            let full: Vec<&str> = priya.iter().chain(args).copied().collect();
            spend.ok(&full)
        };
        assert_eq!(run(&["alerts", "seen", "1"]), "marked alert #1 seen\n");
        assert_eq!(run(&["alerts", "seen", "1"]), "alert #1 was already seen\n");
        assert_eq!(
            run(&["edit", "5", "--amount", "310"]),
            "edited expense #5\n"
        );
        assert_eq!(run(&["delete", "5"]), "deleted expense #5\n");
    });
}
