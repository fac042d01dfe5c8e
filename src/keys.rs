//! Every key binding, written once: the keymap, the footer hints, the help overlay and the
//! README's key table are all read from [`BINDINGS`].

mod custom;

use std::fmt::Write;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};
use tui_input::backend::crossterm::to_input_request;

use crate::app::{Action, Mode};

pub use custom::{ACTION_NAMES, KeyError, KeyMap, action_name, parse_key};

/// A key, with or without Ctrl. Shift is part of the character (`X`) or code (`BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    fn matches(self, event: KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        self.code == event.code && self.ctrl == ctrl && !alt
    }
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

/// A footer hint: the keys and a word, and how much it matters when room is short (lower
/// shows first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub keys: &'static str,
    pub word: &'static str,
    pub priority: u8,
}

/// One row of the key table.
#[derive(Debug)]
pub struct Binding {
    /// Where the keys work.
    pub modes: &'static [Mode],
    /// Each key and what it does.
    pub keys: &'static [(Key, Action)],
    /// How help and the README write the keys, e.g. `j k / ↓ ↑`.
    pub label: &'static str,
    /// What the keys do, for help and the README.
    pub help: &'static str,
    /// The footer's short form, if the row has one.
    pub hint: Option<Hint>,
}

/// The modes of the main screens.
pub const MAIN: &[Mode] = &[Mode::List, Mode::Alerts, Mode::Trends];
const LIST: &[Mode] = &[Mode::List];
const ALERTS: &[Mode] = &[Mode::Alerts];
const LISTS: &[Mode] = &[Mode::List, Mode::Alerts];
const EVERYWHERE: &[Mode] = &[
    Mode::List,
    Mode::Alerts,
    Mode::Trends,
    Mode::Filter,
    Mode::Form,
    Mode::Confirm,
    Mode::Help,
    Mode::Picker,
    Mode::Categories,
    Mode::Recurring,
];
const TEXT: &[Mode] = &[Mode::Filter, Mode::Form];
const FORM: &[Mode] = &[Mode::Form];
const PICKERS: &[Mode] = &[Mode::Picker, Mode::Categories, Mode::Recurring];

#[allow(clippy::unnecessary_wraps)] // Every row's hint is an `Option`; this fills one in.
const fn hint(keys: &'static str, word: &'static str, priority: u8) -> Option<Hint> {
    Some(Hint {
        keys,
        word,
        priority,
    })
}

/// The key table. Order is the order of help, README and footer.
pub static BINDINGS: &[Binding] = &[
    Binding {
        modes: MAIN,
        keys: &[(ch('a'), Action::OpenAdd)],
        label: "a",
        help: "Quick-add an expense (the category completes, or is created)",
        hint: hint("a", "add", 1),
    },
    Binding {
        modes: LIST,
        keys: &[
            (ch('e'), Action::OpenEdit),
            (code(KeyCode::Enter), Action::OpenEdit),
        ],
        label: "e / Enter",
        help: "Edit the selected expense",
        hint: hint("e", "edit", 3),
    },
    Binding {
        modes: LIST,
        keys: &[
            (ch('d'), Action::AskDelete),
            (code(KeyCode::Delete), Action::AskDelete),
        ],
        label: "d",
        help: "Delete the selected expense (asks y/n)",
        hint: hint("d", "delete", 4),
    },
    Binding {
        modes: MAIN,
        keys: &[(ch('u'), Action::Undo), (ctrl('r'), Action::Redo)],
        label: "u / Ctrl-r",
        help: "Undo / redo, many steps; refused if the row changed since",
        hint: hint("u", "undo", 5),
    },
    Binding {
        modes: LISTS,
        keys: &[
            (ch('j'), Action::Down),
            (code(KeyCode::Down), Action::Down),
            (ch('k'), Action::Up),
            (code(KeyCode::Up), Action::Up),
        ],
        label: "j k / ↓ ↑",
        help: "Move the selection (the mouse wheel too; a click selects)",
        hint: None,
    },
    Binding {
        modes: LISTS,
        keys: &[
            (code(KeyCode::PageDown), Action::PageDown),
            (code(KeyCode::PageUp), Action::PageUp),
            (ch('g'), Action::Top),
            (code(KeyCode::Home), Action::Top),
            (ch('G'), Action::Bottom),
            (code(KeyCode::End), Action::Bottom),
        ],
        label: "PgDn PgUp, g G",
        help: "A page down / up; the first / last row",
        hint: None,
    },
    Binding {
        modes: MAIN,
        keys: &[
            (ch('h'), Action::PreviousMonth),
            (code(KeyCode::Left), Action::PreviousMonth),
            (ch('l'), Action::NextMonth),
            (code(KeyCode::Right), Action::NextMonth),
            (ch('t'), Action::ThisMonth),
        ],
        label: "h l / ← →, t",
        help: "Previous / next month; this month",
        hint: hint("h/l", "month", 2),
    },
    Binding {
        modes: LIST,
        keys: &[(ch('/'), Action::StartFilter)],
        label: "/",
        help: "Filter the month's list by note or category",
        hint: hint("/", "filter", 6),
    },
    Binding {
        modes: LIST,
        keys: &[(ctrl('f'), Action::StartSearch)],
        label: "Ctrl-f",
        help: "Search all history by note or category (3 or more characters)",
        hint: hint("^f", "search", 7),
    },
    Binding {
        modes: MAIN,
        keys: &[(ch('b'), Action::OpenBudget)],
        label: "b",
        help: "Set or remove a budget: standing, or the month shown alone",
        hint: hint("b", "budget", 7),
    },
    Binding {
        modes: &[Mode::List, Mode::Trends],
        keys: &[(ch('m'), Action::MarkAlertsSeen)],
        label: "m",
        help: "Mark every alert seen",
        hint: None,
    },
    Binding {
        modes: ALERTS,
        keys: &[
            (ch('m'), Action::MarkAlertSeen),
            (ch('M'), Action::MarkAlertsSeen),
        ],
        label: "m / M",
        help: "In the alerts pane: mark the selected / every alert seen",
        hint: hint("m", "seen", 3),
    },
    Binding {
        modes: MAIN,
        keys: &[(ch('x'), Action::ExportMonth), (ch('X'), Action::ExportAll)],
        label: "x / X",
        help: "Export what the list shows / everything, as CSV",
        hint: hint("x", "export", 8),
    },
    Binding {
        modes: MAIN,
        keys: &[
            (code(KeyCode::Tab), Action::NextPane),
            (code(KeyCode::BackTab), Action::PreviousPane),
        ],
        label: "Tab / Shift-Tab",
        help: "Cycle the list, the alerts pane and the trends screen",
        hint: hint("Tab", "panes", 2),
    },
    Binding {
        modes: MAIN,
        keys: &[
            (ch('1'), Action::ShowExpenses),
            (ch('2'), Action::ShowTrends),
        ],
        label: "1 2",
        help: "Expenses screen / trends screen",
        hint: None,
    },
    Binding {
        modes: MAIN,
        keys: &[(ch('U'), Action::OpenUsers)],
        label: "U",
        help: "Switch user",
        hint: None,
    },
    Binding {
        modes: MAIN,
        keys: &[
            (ch('i'), Action::OpenImport),
            (ch('v'), Action::ToggleReview),
        ],
        label: "i / v",
        help: "Import a bank statement / view only rows without a category",
        hint: None,
    },
    Binding {
        modes: MAIN,
        keys: &[
            (ch('c'), Action::OpenCategories),
            (ch('r'), Action::OpenRecurring),
        ],
        label: "c / r",
        help: "Manage categories / recurring expenses (n new, d delete)",
        hint: None,
    },
    Binding {
        modes: MAIN,
        keys: &[(ctrl('l'), Action::Redraw)],
        label: "Ctrl-l",
        help: "Redraw the whole screen",
        hint: None,
    },
    Binding {
        modes: MAIN,
        keys: &[(ch('?'), Action::OpenHelp)],
        label: "?",
        help: "Help",
        hint: hint("?", "help", 0),
    },
    Binding {
        modes: MAIN,
        keys: &[(ch('q'), Action::Quit)],
        label: "q, Ctrl-c",
        help: "Quit",
        hint: hint("q", "quit", 0),
    },
    Binding {
        modes: EVERYWHERE,
        keys: &[(ctrl('c'), Action::Quit)],
        label: "Ctrl-c",
        help: "Quit from anywhere",
        hint: None,
    },
    Binding {
        modes: LIST,
        keys: &[(code(KeyCode::Esc), Action::Cancel)],
        label: "Esc",
        help: "Clear the filter",
        hint: None,
    },
    // Dialogs and the filter bar.
    Binding {
        modes: FORM,
        keys: &[(code(KeyCode::Enter), Action::Submit)],
        label: "Enter",
        help: "Save the dialog",
        hint: hint("Enter", "save", 0),
    },
    Binding {
        modes: FORM,
        keys: &[(code(KeyCode::Esc), Action::Cancel)],
        label: "Esc",
        help: "Cancel the dialog",
        hint: hint("Esc", "cancel", 0),
    },
    Binding {
        modes: &[Mode::Filter],
        keys: &[(code(KeyCode::Enter), Action::Submit)],
        label: "Enter",
        help: "Keep the filter and go back to the list",
        hint: hint("Enter", "keep", 0),
    },
    Binding {
        modes: &[Mode::Filter],
        keys: &[(ctrl('f'), Action::ToggleFilterScope)],
        label: "Ctrl-f",
        help: "Switch between the month and all history",
        hint: hint("^f", "month / all history", 1),
    },
    Binding {
        modes: &[Mode::Filter],
        keys: &[(code(KeyCode::Esc), Action::Cancel)],
        label: "Esc",
        help: "Clear the filter",
        hint: hint("Esc", "clear", 0),
    },
    Binding {
        modes: FORM,
        keys: &[
            (code(KeyCode::Tab), Action::NextField),
            (code(KeyCode::BackTab), Action::PreviousField),
        ],
        label: "Tab / Shift-Tab",
        help: "Next field (taking the highlighted category) / previous field",
        hint: hint("Tab", "next field", 1),
    },
    Binding {
        modes: FORM,
        keys: &[
            (ctrl('t'), Action::ToggleBudgetSpan),
            (ctrl('r'), Action::ToggleRollover),
            (ctrl('o'), Action::ToggleCarryOverspending),
        ],
        label: "Ctrl-t / Ctrl-r / Ctrl-o",
        help: "In the budget dialog: every month or the month alone / carry what is left over / carry an overspend as a debt",
        hint: None,
    },
    Binding {
        modes: TEXT,
        keys: &[
            (code(KeyCode::Down), Action::Down),
            (code(KeyCode::Up), Action::Up),
        ],
        label: "↓ ↑",
        help: "Highlight a suggested category, or move the list while filtering",
        hint: hint("↑↓", "move", 2),
    },
    Binding {
        modes: &[Mode::Confirm],
        keys: &[
            (ch('y'), Action::Answer(true)),
            (ch('Y'), Action::Answer(true)),
            (ch('n'), Action::Answer(false)),
            (ch('N'), Action::Answer(false)),
            (ch('q'), Action::Answer(false)),
            (code(KeyCode::Esc), Action::Answer(false)),
        ],
        label: "y / n",
        help: "Answer a question (Esc is no)",
        hint: hint("y/n", "answer", 0),
    },
    Binding {
        modes: &[Mode::Help],
        keys: &[
            (code(KeyCode::Esc), Action::Cancel),
            (code(KeyCode::Enter), Action::Cancel),
            (ch('?'), Action::Cancel),
            (ch('q'), Action::Cancel),
        ],
        label: "Esc",
        help: "Close help",
        hint: hint("Esc", "close", 0),
    },
    Binding {
        modes: PICKERS,
        keys: &[
            (ch('j'), Action::Down),
            (code(KeyCode::Down), Action::Down),
            (ch('k'), Action::Up),
            (code(KeyCode::Up), Action::Up),
        ],
        label: "j k / ↓ ↑",
        help: "Move in a list",
        hint: hint("j/k", "move", 1),
    },
    Binding {
        modes: &[Mode::Picker],
        keys: &[(code(KeyCode::Enter), Action::Submit)],
        label: "Enter",
        help: "Choose",
        hint: hint("Enter", "choose", 0),
    },
    Binding {
        modes: &[Mode::Categories],
        keys: &[
            (ch('n'), Action::NewCategory),
            (ch('a'), Action::NewCategory),
        ],
        label: "n",
        help: "New category",
        hint: hint("n", "new", 1),
    },
    Binding {
        modes: &[Mode::Categories],
        keys: &[
            (ch('d'), Action::DeleteCategory),
            (code(KeyCode::Delete), Action::DeleteCategory),
        ],
        label: "d",
        help: "Delete the highlighted category (asks y/n; u undoes it)",
        hint: hint("d", "delete", 2),
    },
    Binding {
        modes: &[Mode::Recurring],
        keys: &[
            (ch('n'), Action::NewRecurring),
            (ch('a'), Action::NewRecurring),
        ],
        label: "n",
        help: "New recurring expense",
        hint: hint("n", "new", 1),
    },
    Binding {
        modes: &[Mode::Recurring],
        keys: &[
            (ch('d'), Action::DeleteRecurring),
            (code(KeyCode::Delete), Action::DeleteRecurring),
        ],
        label: "d",
        help: "Delete the highlighted recurring expense (asks y/n)",
        hint: hint("d", "delete", 2),
    },
    Binding {
        modes: PICKERS,
        keys: &[
            (code(KeyCode::Esc), Action::Cancel),
            (ch('q'), Action::Cancel),
        ],
        label: "Esc",
        help: "Close",
        hint: hint("Esc", "close", 0),
    },
];

/// The action an event asks for in `mode`, if any. Mouse clicks need the screen layout and
/// are mapped by the runner.
pub fn action_for_event(mode: Mode, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => action_for_key(mode, event, *key),
        Event::Paste(text) if TEXT.contains(&mode) => Some(Action::Paste(text.clone())),
        Event::Mouse(MouseEvent { kind, .. }) if LISTS.contains(&mode) => match kind {
            MouseEventKind::ScrollDown => Some(Action::Down),
            MouseEventKind::ScrollUp => Some(Action::Up),
            _ => None,
        },
        _ => None,
    }
}

fn action_for_key(mode: Mode, event: &Event, key: KeyEvent) -> Option<Action> {
    let bound = BINDINGS
        .iter()
        .filter(|binding| binding.modes.contains(&mode))
        .flat_map(|binding| binding.keys)
        .find(|(bound, _)| bound.matches(key))
        .map(|(_, action)| action.clone());
    match bound {
        Some(action) => Some(action),
        // In a text field every other key edits the text.
        None if TEXT.contains(&mode) => to_input_request(event).map(Action::EditText),
        None => None,
    }
}

/// The footer hints of a mode, in table order.
pub fn hints(mode: Mode) -> Vec<Hint> {
    BINDINGS
        .iter()
        .filter(|binding| binding.modes.contains(&mode))
        .filter_map(|binding| binding.hint)
        .collect()
}

/// The rows help shows: the main screens' keys.
pub fn main_rows() -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(|binding| binding.modes.iter().any(|mode| MAIN.contains(mode)))
        .filter(|binding| binding.modes != EVERYWHERE)
}

/// The README's key table, in Markdown.
pub fn markdown_table() -> String {
    let mut table = String::from("| Key | What it does |\n| --- | --- |\n");
    for binding in main_rows() {
        let _ = writeln!(
            table,
            "| {} | {} |",
            markdown_keys(binding.label),
            binding.help
        );
    }
    table
}

/// `j k / ↓ ↑` as `` `j` `k` / `↓` `↑` ``: each key in code, separators plain.
fn markdown_keys(label: &str) -> String {
    label
        .split(' ')
        .map(|token| {
            let (key, comma) = token
                .strip_suffix(',')
                .map_or((token, ""), |key| (key, ","));
            if key == "/" && label != "/" {
                key.to_string()
            } else {
                format!("`{key}`{comma}")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(mode: Mode, code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        action_for_event(mode, &Event::Key(KeyEvent::new(code, modifiers)))
    }

    #[test]
    fn main_keys_map_to_actions() {
        let none = KeyModifiers::NONE;
        let cases = [
            (Mode::List, KeyCode::Char('a'), none, Some(Action::OpenAdd)),
            (Mode::List, KeyCode::Char('j'), none, Some(Action::Down)),
            (
                Mode::List,
                KeyCode::Char('x'),
                none,
                Some(Action::ExportMonth),
            ),
            (
                Mode::List,
                KeyCode::Char('X'),
                KeyModifiers::SHIFT,
                Some(Action::ExportAll),
            ),
            (
                Mode::List,
                KeyCode::Char('r'),
                KeyModifiers::CONTROL,
                Some(Action::Redo),
            ),
            (Mode::List, KeyCode::Char('z'), none, None),
            (
                Mode::Alerts,
                KeyCode::Char('m'),
                none,
                Some(Action::MarkAlertSeen),
            ),
            (
                Mode::List,
                KeyCode::Char('m'),
                none,
                Some(Action::MarkAlertsSeen),
            ),
        ];
        for (mode, code, modifiers, expected) in cases {
            assert_eq!(press(mode, code, modifiers), expected, "{mode:?} {code:?}");
        }
    }

    #[test]
    fn the_trends_screen_has_no_keys_for_rows_it_does_not_show() {
        for c in ['d', 'e', '/', 'j', 'k'] {
            assert_eq!(
                press(Mode::Trends, KeyCode::Char(c), KeyModifiers::NONE),
                None,
                "{c}"
            );
        }
        assert_eq!(
            press(Mode::Trends, KeyCode::Enter, KeyModifiers::NONE),
            None
        );
    }

    #[test]
    fn ctrl_c_quits_from_anywhere() {
        for mode in EVERYWHERE {
            assert_eq!(
                press(*mode, KeyCode::Char('c'), KeyModifiers::CONTROL),
                Some(Action::Quit),
                "{mode:?}"
            );
        }
    }

    #[test]
    fn typing_in_a_form_edits_text_instead_of_running_commands() {
        assert_eq!(
            press(Mode::Form, KeyCode::Char('q'), KeyModifiers::NONE),
            Some(Action::EditText(tui_input::InputRequest::InsertChar('q')))
        );
        assert_eq!(
            press(Mode::Form, KeyCode::Tab, KeyModifiers::NONE),
            Some(Action::NextField)
        );
        assert_eq!(press(Mode::Filter, KeyCode::Tab, KeyModifiers::NONE), None);
        assert_eq!(
            press(Mode::Confirm, KeyCode::Char('y'), KeyModifiers::NONE),
            Some(Action::Answer(true))
        );
    }

    #[test]
    fn no_key_means_two_things_in_one_mode() {
        for mode in EVERYWHERE {
            let keys: Vec<Key> = BINDINGS
                .iter()
                .filter(|b| b.modes.contains(mode))
                .flat_map(|b| b.keys.iter().map(|(key, _)| *key))
                .collect();
            for (index, key) in keys.iter().enumerate() {
                assert!(
                    !keys[index + 1..].contains(key),
                    "{key:?} is bound twice in {mode:?}"
                );
            }
        }
    }

    #[test]
    fn every_mode_has_a_way_out_in_its_hints() {
        for mode in EVERYWHERE {
            assert!(
                hints(*mode).iter().any(|h| h.priority == 0),
                "{mode:?} has no always-shown hint"
            );
        }
    }

    #[test]
    fn the_readme_key_table_is_this_table() {
        let readme = include_str!("../README.md");
        assert!(
            readme.contains(&markdown_table()),
            "README.md's key table differs from keys.rs; paste this in:\n{}",
            markdown_table()
        );
    }

    #[test]
    fn markdown_keys_put_each_key_in_code() {
        assert_eq!(
            markdown_keys("j k / ↓ ↑, g G"),
            "`j` `k` / `↓` `↑`, `g` `G`"
        );
        assert_eq!(markdown_keys("u / Ctrl-r"), "`u` / `Ctrl-r`");
        assert_eq!(markdown_keys("/"), "`/`");
    }
}
