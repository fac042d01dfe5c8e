//! What keys mean right now, derived from the state.

use super::{AppView, Modal, Pane, Screen};

/// The key context: which table rows of `keys.rs` apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The expense list has the keys.
    List,
    /// The alerts pane has the keys.
    Alerts,
    /// The trends screen: no list, so no row keys.
    Trends,
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
    /// The recurring expenses' list.
    Recurring,
}

impl AppView {
    /// What keys mean right now.
    pub fn mode(&self) -> Mode {
        match &self.modal {
            Some(Modal::Expense(_) | Modal::Budget(_) | Modal::Import(_)) => Mode::Form,
            Some(Modal::Confirm(_)) => Mode::Confirm,
            Some(Modal::Help) => Mode::Help,
            Some(Modal::Users(_)) => Mode::Picker,
            Some(Modal::Categories(manager)) if manager.new_category.is_some() => Mode::Form,
            Some(Modal::Categories(_)) => Mode::Categories,
            Some(Modal::Recurring(manager)) if manager.new_rule.is_some() => Mode::Form,
            Some(Modal::Recurring(_)) => Mode::Recurring,
            None if self.filter.as_ref().is_some_and(|f| f.typing) => Mode::Filter,
            None => match (self.screen, self.focus) {
                (Screen::Trends, _) => Mode::Trends,
                (Screen::Expenses, Pane::List) => Mode::List,
                (Screen::Expenses, Pane::Alerts) => Mode::Alerts,
            },
        }
    }
}
