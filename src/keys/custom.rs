//! Extra key bindings from the config file, laid onto the one key table: a binding names an
//! action the table already has, and works in every mode where the table binds that action
//! (a plain character not in text fields, where it types). A key the table or another extra
//! binding already uses there is refused.

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind};
use thiserror::Error;

use crate::app::{Action, Mode};
use crate::domain::quoted;

use super::{BINDINGS, EVERYWHERE, Key, TEXT, action_for_event};

/// The actions a binding may name, by the name the config file uses.
pub const ACTION_NAMES: &[(&str, Action)] = &[
    ("add", Action::OpenAdd),
    ("edit", Action::OpenEdit),
    ("delete", Action::AskDelete),
    ("undo", Action::Undo),
    ("redo", Action::Redo),
    ("down", Action::Down),
    ("up", Action::Up),
    ("page-down", Action::PageDown),
    ("page-up", Action::PageUp),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("previous-month", Action::PreviousMonth),
    ("next-month", Action::NextMonth),
    ("this-month", Action::ThisMonth),
    ("filter", Action::StartFilter),
    ("search", Action::StartSearch),
    ("filter-scope", Action::ToggleFilterScope),
    ("budget", Action::OpenBudget),
    ("mark-alerts-seen", Action::MarkAlertsSeen),
    ("mark-alert-seen", Action::MarkAlertSeen),
    ("export-month", Action::ExportMonth),
    ("export-all", Action::ExportAll),
    ("next-pane", Action::NextPane),
    ("previous-pane", Action::PreviousPane),
    ("expenses-screen", Action::ShowExpenses),
    ("trends-screen", Action::ShowTrends),
    ("users", Action::OpenUsers),
    ("categories", Action::OpenCategories),
    ("import", Action::OpenImport),
    ("review", Action::ToggleReview),
    ("recurring", Action::OpenRecurring),
    ("redraw", Action::Redraw),
    ("help", Action::OpenHelp),
    ("quit", Action::Quit),
    ("cancel", Action::Cancel),
    ("submit", Action::Submit),
    ("next-field", Action::NextField),
    ("previous-field", Action::PreviousField),
    ("yes", Action::Answer(true)),
    ("no", Action::Answer(false)),
    ("new-category", Action::NewCategory),
    ("delete-category", Action::DeleteCategory),
    ("new-recurring", Action::NewRecurring),
    ("delete-recurring", Action::DeleteRecurring),
];

/// Why an extra binding was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    #[error("{} is not an action; use one of {}", quoted(.0), action_list())]
    UnknownAction(String),
    #[error(
        "{} is not a key; write a character (x, X, ?), ctrl-x, or one of enter, esc, tab, \
         shift-tab, space, backspace, delete, insert, up, down, left, right, home, end, \
         pageup, pagedown, f1 to f12",
        quoted(.0)
    )]
    UnknownKey(String),
    #[error("{} is already {what} in {mode}; choose another key", quoted(.key))]
    Taken {
        key: String,
        what: String,
        mode: &'static str,
    },
}

fn action_list() -> String {
    ACTION_NAMES
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name of an action in the config file, if it has one.
pub fn action_name(action: &Action) -> Option<&'static str> {
    ACTION_NAMES
        .iter()
        .find(|(_, named)| named == action)
        .map(|(name, _)| *name)
}

/// How help names a mode in a refusal.
fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::List => "the expense list",
        Mode::Alerts => "the alerts pane",
        Mode::Trends => "the trends screen",
        Mode::Filter => "the filter bar",
        Mode::Form => "dialogs",
        Mode::Confirm => "questions",
        Mode::Help => "help",
        Mode::Picker => "the user picker",
        Mode::Categories => "the category manager",
        Mode::Recurring => "the recurring expenses",
    }
}

/// Reads a key as the config file writes it: `x`, `X`, `ctrl-x`, `enter`, `f5`...
pub fn parse_key(text: &str) -> Result<Key, KeyError> {
    let unknown = || KeyError::UnknownKey(text.to_string());
    let lower = text.trim().to_lowercase();
    if let Some(rest) = lower
        .strip_prefix("ctrl-")
        .or_else(|| lower.strip_prefix("ctrl+"))
    {
        let mut chars = rest.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_whitespace() => Ok(Key {
                code: KeyCode::Char(c),
                ctrl: true,
            }),
            _ => Err(unknown()),
        };
    }
    let code = match lower.as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" | "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        _ => {
            if let Some(Ok(n @ 1..=12)) = lower.strip_prefix('f').map(str::parse::<u8>) {
                KeyCode::F(n)
            } else {
                // A single character keeps its case: `X` is Shift-x.
                let mut chars = text.trim().chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(unknown()),
                }
            }
        }
    };
    Ok(Key { code, ctrl: false })
}

/// A key as the config file writes it.
fn key_text(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        KeyCode::BackTab => "shift-tab".to_string(),
        other => format!("{other:?}").to_lowercase(),
    };
    if key.ctrl {
        format!("ctrl-{base}")
    } else {
        base
    }
}

/// One extra binding: a key, the action, and the modes it works in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Extra {
    key: Key,
    action: Action,
    modes: Vec<Mode>,
}

/// The key table with the config file's extra bindings laid on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyMap {
    extras: Vec<Extra>,
}

impl KeyMap {
    /// Adds `key` for the action named `action`; refused if either is unknown, or if the
    /// key already means something where the action works.
    pub fn bind(&mut self, action: &str, key: &str) -> Result<(), KeyError> {
        let wanted = ACTION_NAMES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(action.trim()))
            .map(|(_, action)| action.clone())
            .ok_or_else(|| KeyError::UnknownAction(action.to_string()))?;
        let key = parse_key(key)?;
        let typed = matches!(key.code, KeyCode::Char(_)) && !key.ctrl;
        let mut modes = Vec::new();
        for mode in EVERYWHERE {
            let binds_action = BINDINGS
                .iter()
                .any(|b| b.modes.contains(mode) && b.keys.iter().any(|(_, a)| *a == wanted));
            if !binds_action || (typed && TEXT.contains(mode)) {
                continue;
            }
            match self.meaning(*mode, key) {
                None => modes.push(*mode),
                Some(existing) if existing == wanted => {}
                Some(existing) => {
                    return Err(KeyError::Taken {
                        key: key_text(key),
                        what: action_name(&existing)
                            .map_or_else(|| "bound".to_string(), |name| format!("bound to {name}")),
                        mode: mode_name(*mode),
                    });
                }
            }
        }
        if !modes.is_empty() {
            self.extras.push(Extra {
                key,
                action: wanted,
                modes,
            });
        }
        Ok(())
    }

    /// What `key` does in `mode` now, by the table or an extra binding.
    fn meaning(&self, mode: Mode, key: Key) -> Option<Action> {
        BINDINGS
            .iter()
            .filter(|b| b.modes.contains(&mode))
            .flat_map(|b| b.keys)
            .find(|(bound, _)| *bound == key)
            .map(|(_, action)| action.clone())
            .or_else(|| self.extra(mode, key))
    }

    fn extra(&self, mode: Mode, key: Key) -> Option<Action> {
        self.extras
            .iter()
            .find(|extra| extra.key == key && extra.modes.contains(&mode))
            .map(|extra| extra.action.clone())
    }

    /// The action an event asks for in `mode`: an extra binding, else the table's.
    pub fn action_for_event(&self, mode: Mode, event: &Event) -> Option<Action> {
        if let Event::Key(pressed) = event
            && pressed.kind != KeyEventKind::Release
            && let Some(extra) = self
                .extras
                .iter()
                .find(|extra| extra.modes.contains(&mode) && extra.key.matches(*pressed))
        {
            return Some(extra.action.clone());
        }
        action_for_event(mode, event)
    }

    /// Whether any extra binding was added.
    pub fn is_default(&self) -> bool {
        self.extras.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    fn press(map: &KeyMap, mode: Mode, code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        map.action_for_event(mode, &Event::Key(KeyEvent::new(code, modifiers)))
    }

    #[test]
    fn every_action_name_is_bound_somewhere_in_the_table() {
        for (name, action) in ACTION_NAMES {
            assert!(
                BINDINGS
                    .iter()
                    .any(|b| b.keys.iter().any(|(_, a)| a == action)),
                "{name}"
            );
        }
    }

    #[test]
    fn extra_keys_work_where_the_action_does() {
        let mut map = KeyMap::default();
        map.bind("quit", "ctrl-q").expect("free");
        map.bind("down", "s").expect("free");
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            press(&map, Mode::List, KeyCode::Char('q'), ctrl),
            Some(Action::Quit)
        );
        assert_eq!(
            press(&map, Mode::Form, KeyCode::Char('q'), ctrl),
            Some(Action::Quit)
        );
        assert_eq!(
            press(&map, Mode::List, KeyCode::Char('s'), none),
            Some(Action::Down)
        );
        assert_eq!(
            press(&map, Mode::Picker, KeyCode::Char('s'), none),
            Some(Action::Down)
        );
        assert_eq!(
            press(&map, Mode::Form, KeyCode::Char('s'), none),
            Some(Action::EditText(tui_input::InputRequest::InsertChar('s'))),
            "a character still types in a field"
        );
        assert_eq!(press(&map, Mode::Trends, KeyCode::Char('s'), none), None);
        assert_eq!(
            press(&map, Mode::List, KeyCode::Char('j'), none),
            Some(Action::Down),
            "the table's keys stay"
        );
    }

    #[test]
    fn taken_keys_and_unknown_names_are_refused() {
        let mut map = KeyMap::default();
        assert_eq!(
            map.bind("add", "d").expect_err("d deletes").to_string(),
            "\"d\" is already bound to delete in the expense list; choose another key"
        );
        map.bind("add", "n").expect("free in the main screens");
        assert_eq!(
            map.bind("help", "n").expect_err("n adds now").to_string(),
            "\"n\" is already bound to add in the expense list; choose another key"
        );
        assert!(matches!(
            map.bind("fly", "z"),
            Err(KeyError::UnknownAction(_))
        ));
        assert!(matches!(
            map.bind("add", "alt-x"),
            Err(KeyError::UnknownKey(_))
        ));
        assert!(map.bind("quit", "ctrl-c").is_ok(), "the key it already has");
        assert_eq!(
            map.bind("quit", "q").expect_err("q answers no").to_string(),
            "\"q\" is already bound to no in questions; choose another key",
            "quit works in every mode, and q means no in a question"
        );
        assert_eq!(map, {
            let mut only_n = KeyMap::default();
            only_n.bind("add", "n").expect("free");
            only_n
        });
    }

    #[test]
    fn keys_read_as_written() {
        let key = |text| parse_key(text).expect(text);
        assert_eq!(
            key("x"),
            Key {
                code: KeyCode::Char('x'),
                ctrl: false
            }
        );
        assert_eq!(
            key("X"),
            Key {
                code: KeyCode::Char('X'),
                ctrl: false
            }
        );
        assert_eq!(
            key("Ctrl-K"),
            Key {
                code: KeyCode::Char('k'),
                ctrl: true
            }
        );
        assert_eq!(
            key("f5"),
            Key {
                code: KeyCode::F(5),
                ctrl: false
            }
        );
        assert_eq!(
            key("PageDown"),
            Key {
                code: KeyCode::PageDown,
                ctrl: false
            }
        );
        assert_eq!(
            key("space"),
            Key {
                code: KeyCode::Char(' '),
                ctrl: false
            }
        );
        for bad in ["", "ctrl-", "f13", "xy", "alt-x"] {
            assert!(parse_key(bad).is_err(), "{bad:?}");
        }
        assert_eq!(key_text(key("ctrl-q")), "ctrl-q");
        assert_eq!(key_text(key("pagedown")), "pagedown");
    }
}
