//! The app on the read-only file: a year forward and back, month by month, with nothing
//! but the keys on the bottom lines, and the file left byte for byte.

use std::cell::Cell;

use super::ReadOnlyLedger;

/// The months as the budget pane's title names them.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The title of the budget pane `offset` months after May 2025.
fn budgets_title(offset: usize) -> String {
    let index = 4 + offset;
    format!("Budgets · {} {}", MONTHS[index % 12], 2025 + index / 12)
}

/// Words an error on the status line would hold.
const ERROR_WORDS: [&str; 4] = ["read-only", "rror", "could not", "cannot"];

/// The two bottom lines of the screen: the keys, and the status of the last action.
fn footer(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len().saturating_sub(2)..].join("\n")
}

fn has_error(footer: &str) -> bool {
    ERROR_WORDS.iter().any(|word| footer.contains(word))
}

#[test]
fn the_app_goes_a_year_forward_and_back_on_a_read_only_file() {
    let ledger = ReadOnlyLedger::new();
    let db = ledger.ledger.to_str().expect("UTF-8");
    let mut app = ledger
        .account
        .app(&["--db", db, "--month", "2025-05"], ledger.root.path());
    app.wait_for("the app open at May 2025", &[&budgets_title(0), "concert"]);
    let keys = footer(&app.contents());
    assert!(!has_error(&keys), "the status line on opening: {keys}");
    let forward = (1..=12).map(|offset| ("l", offset));
    let back = (0..12).rev().map(|offset| ("h", offset));
    for (key, offset) in forward.chain(back) {
        app.send(key);
        let title = budgets_title(offset);
        // A frame may be read half drawn: wait for all of it, and stop at an error.
        let error = Cell::new(None);
        app.wait_until(&format!("{key} to {title}"), |screen| {
            let bottom = footer(screen);
            if has_error(&bottom) {
                error.set(Some(bottom));
                return true;
            }
            screen.contains(&title) && bottom == keys
        });
        if let Some(error) = error.take() {
            panic!("{title}: the status line says {error:?}");
        }
    }
    app.wait_for("back at May 2025", &["concert"]);
    app.send("q");
    let status = app.wait_for_exit();
    assert!(status.success(), "{status:?}. Screen:\n{}", app.contents());
    ledger.assert_untouched();
}
