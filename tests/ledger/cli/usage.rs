//! Argument errors: one `error:` line pointing at the right `--help`, exit code 2, nothing
//! written; `--help` and `--version` still print and exit 0.

use super::Spend;
use crate::spend_cli::fails;

// SQLite only: arguments are refused before any database is opened.
#[test]
fn usage_errors_are_one_line_with_a_help_hint_and_exit_2() {
    let spend = Spend::with_sample();
    for (args, hint) in [
        (&["--foo"][..], "see 'spend --help'"),
        (&["add", "--foo"], "see 'spend add --help'"),
        (&["add"], "see 'spend add --help'"),
        (&["budget"], "see 'spend budget --help'"),
        (&["budget", "set", "Food"], "see 'spend budget set --help'"),
        (&["edit", "abc", "--amount", "5"], "see 'spend edit --help'"),
        (
            &["alerts", "--all", "seen", "1"],
            "see 'spend alerts --help'",
        ),
        (&["report", "--month"], "see 'spend report --help'"),
        (
            &["export", "--month", "2025-05", "--from", "2025-05-01"],
            "see 'spend export --help'",
        ),
    ] {
        let before = spend.snapshot();
        let run = spend.run(args);
        let line = fails(&run, args);
        assert_eq!(run.code, Some(2), "{args:?}: {line}");
        assert!(line.ends_with(hint), "{args:?}: {line}");
        assert!(line.len() < 160, "{args:?}: a short line: {line}");
        assert_eq!(spend.snapshot(), before, "{args:?} wrote nothing");
    }
    assert_eq!(
        spend.fails(&["add"]),
        "error: missing <AMOUNT>, <CATEGORY>; see 'spend add --help'"
    );
}

// SQLite only: it checks that no database file is created.
#[test]
fn help_and_version_still_print_and_exit_0() {
    let spend = Spend::new();
    for args in [&["--help"][..], &["add", "--help"], &["budget", "-h"]] {
        let run = spend.run(args);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert!(
            run.stdout.contains("Usage: spend"),
            "{args:?}: {}",
            run.stdout
        );
        assert_eq!(run.stderr, "");
    }
    let version = spend.run(&["--version"]);
    assert_eq!(version.code, Some(0));
    assert_eq!(
        version.stdout,
        format!("spend {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert!(!spend.db().exists(), "help and version open no database");
}
