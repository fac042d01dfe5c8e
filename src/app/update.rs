//! `App::update`: one place where actions change state, delegating to a handler per mode.

use crate::domain::Month;
use crate::domain::Outcome;
use crate::export::export_to_file;
use crate::store::{ExpenseFilter, StoreResult};

use super::dialogs::{CategoryManager, Confirm, Modal, Pending, Picker};
use super::expense_form::ExpenseForm;
use super::text_field::TextField;
use super::{Action, App, Change, Filter, Screen, Tone};

/// The verb of a delete, after which there is no row to follow.
const DELETED: &str = "Deleted";

/// `#6 · 2,000.00 Shopping · 2025-05-20`, for the status line and questions.
fn describe(e: &crate::domain::Expense) -> String {
    format!(
        "#{} · {} {} · {}",
        e.id,
        e.currency.format_grouped(e.amount),
        crate::domain::printable(e.category.as_deref().unwrap_or("-")),
        e.date
    )
}

/// Rows a page key moves when the screen has not said how many fit.
pub const DEFAULT_PAGE_ROWS: usize = 10;

impl App {
    /// Applies an action. Errors end up on the status line, never as a crash.
    pub fn update(&mut self, action: Action) {
        if let Err(error) = self.dispatch(action) {
            self.set_status(Tone::Error, error.to_string());
        }
    }

    fn dispatch(&mut self, action: Action) -> StoreResult<()> {
        match action {
            Action::Quit => {
                self.should_quit = true;
                Ok(())
            }
            Action::Tick => self.poll_outside_changes(),
            action => match self.modals.pop() {
                Some(modal) => self.modal_action(modal, action),
                None if self.filter.as_ref().is_some_and(|f| f.typing) => {
                    self.filter_action(action)
                }
                None => self.normal_action(&action),
            },
        }
    }

    /// Reloads when another process committed since the last load.
    fn poll_outside_changes(&mut self) -> StoreResult<()> {
        if self.store.data_version()? != self.data_version {
            self.reload(None)?;
        }
        Ok(())
    }

    fn normal_action(&mut self, action: &Action) -> StoreResult<()> {
        match action {
            Action::Up => return self.move_selection(-1),
            Action::Down => return self.move_selection(1),
            Action::PageUp => return self.move_selection(-self.page_step()),
            Action::PageDown => return self.move_selection(self.page_step()),
            Action::Top => return self.select(0),
            Action::Bottom => return self.select(self.list.total.saturating_sub(1)),
            Action::SelectRow(row) if *row < self.list.total => return self.select(*row),
            Action::PreviousMonth => return self.show_month(self.month.previous()),
            Action::NextMonth => return self.show_month(self.month.next()),
            Action::ThisMonth => return self.show_month(Month::of(self.today)),
            Action::ToggleView => {
                self.screen = match self.screen {
                    Screen::Expenses => Screen::Trends,
                    Screen::Trends => Screen::Expenses,
                }
            }
            Action::ShowExpenses => self.screen = Screen::Expenses,
            Action::ShowTrends => self.screen = Screen::Trends,
            Action::OpenAdd => {
                let form = ExpenseForm::add(self.today, self.user.currency);
                self.modals.push(Modal::Expense(Box::new(form)));
            }
            Action::OpenEdit => {
                if let Some(expense) = self.selected_expense() {
                    let form = ExpenseForm::edit(expense);
                    self.modals.push(Modal::Expense(Box::new(form)));
                }
            }
            Action::AskDelete => {
                if let Some(e) = self.selected_expense() {
                    let question = format!("Delete {}?", describe(e));
                    let on_yes = Pending::DeleteExpense(e.id);
                    self.modals
                        .push(Modal::Confirm(Confirm { question, on_yes }));
                }
            }
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            Action::StartFilter => {
                let mut filter = self.filter.take().unwrap_or_default();
                filter.typing = true;
                self.filter = Some(filter);
            }
            Action::Cancel if self.filter.take().is_some() => return self.load_list(),
            Action::OpenBudget => self.open_budget(),
            Action::ExportMonth => return self.export(false),
            Action::ExportAll => return self.export(true),
            Action::MarkAlertsSeen => {
                let marked = self.store.mark_alerts_seen(self.user.id)?;
                self.set_status(Tone::Info, format!("{marked} alerts marked seen"));
                return self.reload(None);
            }
            Action::OpenHelp => self.modals.push(Modal::Help),
            Action::OpenUsers => {
                let users = self.store.users()?;
                let current = users.iter().position(|u| u.id == self.user.id).unwrap_or(0);
                self.modals.push(Modal::Users(Picker::new(users, current)));
            }
            Action::OpenCategories => {
                let list = Picker::new(self.categories.clone(), 0);
                self.modals.push(Modal::Categories(CategoryManager {
                    list,
                    new_name: None,
                }));
            }
            _ => {}
        }
        Ok(())
    }

    fn page_step(&self) -> isize {
        isize::try_from(self.page_rows.max(1)).unwrap_or(1)
    }

    fn move_selection(&mut self, by: isize) -> StoreResult<()> {
        self.select(self.selected.saturating_add_signed(by))
    }

    fn select(&mut self, row: usize) -> StoreResult<()> {
        self.selected = row.min(self.list.total.saturating_sub(1));
        self.follow_selection()
    }

    fn show_month(&mut self, month: Month) -> StoreResult<()> {
        self.month = month;
        self.selected = 0;
        self.list_offset.set(0);
        self.reload(None)
    }

    fn filter_action(&mut self, action: Action) -> StoreResult<()> {
        let Some(filter) = self.filter.as_mut() else {
            return Ok(());
        };
        match action {
            Action::EditText(request) => filter.field.edit(request),
            Action::Paste(text) => filter.field.paste(&text),
            Action::Submit => {
                filter.typing = false;
                if filter.field.value().trim().is_empty() {
                    self.filter = None;
                }
                return Ok(());
            }
            Action::Cancel => self.filter = None,
            Action::Up => return self.move_selection(-1),
            Action::Down => return self.move_selection(1),
            _ => return Ok(()),
        }
        self.selected = 0;
        self.load_list()
    }

    /// Reloads, selects the row written and reports any alert on the status line.
    /// The list moves to the month of the row written, unless the row is gone.
    pub(super) fn after_write(&mut self, verb: &str, outcome: &Outcome) -> StoreResult<()> {
        let e = &outcome.expense;
        let summary = format!("{verb} {}", describe(e));
        if verb != DELETED {
            self.month = Month::of(e.date);
        }
        self.reload(Some(e.id))?;
        match outcome.alerts.first() {
            Some(alert) => self.set_status(Tone::Alert, format!("{summary} · {}", alert.message)),
            None => self.set_status(Tone::Success, summary),
        }
        Ok(())
    }

    pub(super) fn perform(&mut self, pending: Pending) -> StoreResult<()> {
        match pending {
            Pending::DeleteExpense(id) => {
                let outcome = self.store.delete_expense(self.user.id, id)?;
                self.history
                    .record(Change::Deleted(outcome.expense.clone()));
                self.after_write(DELETED, &outcome)
            }
            Pending::DeleteCategory(id) => {
                self.store.delete_category(id)?;
                self.set_status(Tone::Success, "Category deleted");
                self.reload(None)
            }
        }
    }

    fn undo(&mut self) -> StoreResult<()> {
        if let Some((change, outcome)) = self.history.undo(&mut self.store, self.user.id)? {
            self.after_write("Undid", &outcome)?;
            self.set_status(Tone::Success, format!("Undid the {}", change.describe()));
            Ok(())
        } else {
            self.set_status(Tone::Info, "Nothing to undo");
            Ok(())
        }
    }

    fn redo(&mut self) -> StoreResult<()> {
        if let Some((change, outcome)) = self.history.redo(&mut self.store, self.user.id)? {
            self.after_write("Redid", &outcome)?;
            self.set_status(Tone::Success, format!("Redid the {}", change.describe()));
            Ok(())
        } else {
            self.set_status(Tone::Info, "Nothing to redo");
            Ok(())
        }
    }

    fn export(&mut self, everything: bool) -> StoreResult<()> {
        let (name, filter) = if everything {
            (
                "spend-all.csv".to_string(),
                ExpenseFilter {
                    user: None,
                    from: None,
                    to: None,
                },
            )
        } else {
            let filter = ExpenseFilter {
                user: Some(self.user.id),
                from: Some(self.month.first_day()),
                to: Some(self.month.last_day()),
            };
            (format!("spend-{}.csv", self.month), filter)
        };
        let path = self.export_dir.join(name);
        let rows = export_to_file(&self.store, &filter, &path)?;
        self.set_status(
            Tone::Success,
            format!(
                "Exported {rows} {} to {}",
                if rows == 1 { "row" } else { "rows" },
                path.display()
            ),
        );
        Ok(())
    }
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            field: TextField::new("Filter", ""),
            typing: false,
        }
    }
}
