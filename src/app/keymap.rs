//! Keys to actions: a pure function of the mode and the event.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};
use tui_input::backend::crossterm::to_input_request;

use super::Action;

/// What keys mean right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The main screens: list keys, month keys, dialog openers.
    Normal,
    /// Typing the list filter.
    Filter,
    /// Typing in a dialog's fields.
    Form,
    /// A yes/no question.
    Confirm,
    /// The help overlay.
    Help,
    /// Picking a user.
    Picker,
    /// The category manager's list.
    Categories,
}

/// The action an event asks for in `mode`, if any. Mouse clicks need the screen layout and
/// are mapped by the runner.
pub fn action_for_event(mode: Mode, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => action_for_key(mode, event, *key),
        Event::Paste(text) if matches!(mode, Mode::Form | Mode::Filter) => {
            Some(Action::Paste(text.clone()))
        }
        Event::Mouse(MouseEvent { kind, .. }) if mode == Mode::Normal => match kind {
            MouseEventKind::ScrollDown => Some(Action::Down),
            MouseEventKind::ScrollUp => Some(Action::Up),
            _ => None,
        },
        _ => None,
    }
}

fn action_for_key(mode: Mode, event: &Event, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Normal => normal_key(key.code, ctrl),
        Mode::Filter | Mode::Form => text_key(mode, event, key.code),
        Mode::Confirm => match key.code {
            KeyCode::Char('y' | 'Y') => Some(Action::Answer(true)),
            KeyCode::Char('n' | 'N' | 'q') | KeyCode::Esc => Some(Action::Answer(false)),
            _ => None,
        },
        Mode::Help => match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('?' | 'q') => Some(Action::Cancel),
            _ => None,
        },
        Mode::Picker | Mode::Categories => list_key(mode, key.code),
    }
}

fn normal_key(code: KeyCode, ctrl: bool) -> Option<Action> {
    let action = match code {
        KeyCode::Char('r') if ctrl => Action::Redo,
        _ if ctrl => return None,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('j') | KeyCode::Down => Action::Down,
        KeyCode::Char('k') | KeyCode::Up => Action::Up,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::Char('g') | KeyCode::Home => Action::Top,
        KeyCode::Char('G') | KeyCode::End => Action::Bottom,
        KeyCode::Char('h') | KeyCode::Left => Action::PreviousMonth,
        KeyCode::Char('l') | KeyCode::Right => Action::NextMonth,
        KeyCode::Char('t') => Action::ThisMonth,
        KeyCode::Tab => Action::ToggleView,
        KeyCode::Char('1') => Action::ShowExpenses,
        KeyCode::Char('2') => Action::ShowTrends,
        KeyCode::Char('a') => Action::OpenAdd,
        KeyCode::Char('e') | KeyCode::Enter => Action::OpenEdit,
        KeyCode::Char('d') | KeyCode::Delete => Action::AskDelete,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('/') => Action::StartFilter,
        KeyCode::Esc => Action::Cancel,
        KeyCode::Char('b') => Action::OpenBudget,
        KeyCode::Char('x') => Action::ExportMonth,
        KeyCode::Char('X') => Action::ExportAll,
        KeyCode::Char('m') => Action::MarkAlertsSeen,
        KeyCode::Char('?') => Action::OpenHelp,
        KeyCode::Char('U') => Action::OpenUsers,
        KeyCode::Char('c') => Action::OpenCategories,
        _ => return None,
    };
    Some(action)
}

fn text_key(mode: Mode, event: &Event, code: KeyCode) -> Option<Action> {
    match code {
        KeyCode::Esc => Some(Action::Cancel),
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Tab if mode == Mode::Form => Some(Action::NextField),
        KeyCode::BackTab if mode == Mode::Form => Some(Action::PreviousField),
        KeyCode::Down => Some(Action::Down),
        KeyCode::Up => Some(Action::Up),
        _ => to_input_request(event).map(Action::EditText),
    }
}

fn list_key(mode: Mode, code: KeyCode) -> Option<Action> {
    match code {
        KeyCode::Char('j') | KeyCode::Down => Some(Action::Down),
        KeyCode::Char('k') | KeyCode::Up => Some(Action::Up),
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Esc | KeyCode::Char('q') => Some(Action::Cancel),
        KeyCode::Char('n' | 'a') if mode == Mode::Categories => Some(Action::NewCategory),
        KeyCode::Char('d') | KeyCode::Delete if mode == Mode::Categories => {
            Some(Action::DeleteCategory)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(mode: Mode, code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        action_for_event(mode, &Event::Key(KeyEvent::new(code, modifiers)))
    }

    #[test]
    fn normal_keys_map_to_actions() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            press(Mode::Normal, KeyCode::Char('a'), none),
            Some(Action::OpenAdd)
        );
        assert_eq!(
            press(Mode::Normal, KeyCode::Char('j'), none),
            Some(Action::Down)
        );
        assert_eq!(
            press(Mode::Normal, KeyCode::Char('x'), none),
            Some(Action::ExportMonth)
        );
        assert_eq!(
            press(Mode::Normal, KeyCode::Char('X'), KeyModifiers::SHIFT),
            Some(Action::ExportAll)
        );
        assert_eq!(
            press(Mode::Normal, KeyCode::Char('r'), KeyModifiers::CONTROL),
            Some(Action::Redo)
        );
        assert_eq!(press(Mode::Normal, KeyCode::Char('z'), none), None);
    }

    #[test]
    fn ctrl_c_quits_from_anywhere() {
        for mode in [
            Mode::Normal,
            Mode::Filter,
            Mode::Form,
            Mode::Confirm,
            Mode::Help,
            Mode::Picker,
            Mode::Categories,
        ] {
            assert_eq!(
                press(mode, KeyCode::Char('c'), KeyModifiers::CONTROL),
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
}
