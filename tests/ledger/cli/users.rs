//! `spend user rename`, `delete` and `default`.

use super::{Spend, text};
use crate::ledgers::on_every_engine;

#[test]
fn a_user_is_renamed_and_given_a_new_email() {
    on_every_engine(Spend::sample_on, |spend| {
        assert_eq!(
            spend.ok(&["user", "rename", "priya@example.com", "Priya S"]),
            "user #2 is now Priya S <priya@example.com>\n"
        );
        assert_eq!(
            spend.ok(&[
                "user",
                "rename",
                "PRIYA@example.com",
                "Priya Sharma",
                "--email",
                "priya@home.example"
            ]),
            "user #2 is now Priya Sharma <priya@home.example>\n"
        );
        let list = spend.json(&["--user", "priya@home.example", "list", "--json"]);
        assert_eq!(text(&list, "user"), "priya@home.example");
        for (args, error) in [
            (
                vec![
                    "user",
                    "rename",
                    "priya@home.example",
                    "P",
                    "--email",
                    "AMAN@example.com",
                ],
                "error: a user with email \"AMAN@example.com\" already exists",
            ),
            (
                vec![
                    "user",
                    "rename",
                    "priya@home.example",
                    "P",
                    "--email",
                    "not an email",
                ],
                "error: \"not an email\" is not an email address such as aman@example.com",
            ),
            (
                vec!["user", "rename", "priya@home.example", "  "],
                "error: user name must be 1 to 150 characters",
            ),
            (
                vec!["user", "rename", "ghost@example.com", "Ghost"],
                "error: no user with email \"ghost@example.com\"; see `spend user list`",
            ),
        ] {
            assert_eq!(spend.refused(&args), error, "{args:?}");
        }
    });
}

#[test]
fn the_default_user_is_chosen_and_used_without_user() {
    on_every_engine(Spend::sample_on, |spend| {
        assert_eq!(
            spend.ok(&["user", "default", "priya@example.com"]),
            "the default user is now priya@example.com\n"
        );
        assert_eq!(
            text(&spend.json(&["list", "--json"]), "user"),
            "priya@example.com"
        );
        let users = spend.json(&["user", "list", "--json"]);
        assert_eq!(users[0]["default"], false);
        assert_eq!(users[1]["default"], true);
        assert!(
            spend
                .ok(&["user", "list"])
                .lines()
                .nth(1)
                .expect("Priya")
                .starts_with('*')
        );
    });
}

#[test]
fn a_user_with_expenses_is_deleted_only_with_force_and_never_the_last() {
    on_every_engine(Spend::sample_on, |spend| {
        assert_eq!(
            spend.refused(&["user", "delete", "priya@example.com"]),
            "error: user \"priya@example.com\" has 1 expense; add --force to delete them with the user"
        );
        assert_eq!(
            spend.ok(&["user", "delete", "priya@example.com", "--force"]),
            "deleted user priya@example.com and 1 expense\n"
        );
        assert_eq!(
            spend.refused(&["user", "delete", "aman@example.com", "--force"]),
            "error: \"aman@example.com\" is the only user; add another before deleting it"
        );
        spend.ok(&["user", "add", "Ravi", "ravi@example.com"]);
        assert_eq!(
            spend.ok(&["user", "delete", "aman@example.com", "--force"]),
            "deleted user aman@example.com and 4 expenses\nthe default user is now ravi@example.com\n"
        );
        assert_eq!(
            text(&spend.json(&["list", "--json"]), "user"),
            "ravi@example.com"
        );
        let left = spend.count(
            "SELECT (SELECT count(*) FROM expenses) + (SELECT count(*) FROM budgets)
                  + (SELECT count(*) FROM alerts) + (SELECT count(*) FROM month_totals)",
        );
        assert_eq!(left, 0, "nothing of the deleted users is left");
    });
}

#[test]
fn without_user_or_logname_the_passwd_entry_names_the_first_user() {
    on_every_engine(Spend::on, |spend| {
        let output = spend
            .command()
            .env_remove("USER")
            .env_remove("LOGNAME")
            .args(["user", "list", "--json"])
            .output()
            .expect("run spend");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let users: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let login = whoami::username().expect("this test runs as a user with a passwd entry");
        let name = whoami::realname().unwrap_or_else(|_| login.clone());
        assert_eq!(users[0]["email"], format!("{login}@localhost"));
        assert_eq!(users[0]["name"], name.trim());
        assert_ne!(users[0]["email"], "me@localhost");
    });
}
