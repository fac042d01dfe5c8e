//! `App::update`: one place where actions change state, delegating to a handler per mode.

use crate::domain::{Expense, Month, Outcome, counted, printable};
use crate::export::export_to_file;
use crate::store::{ExpenseFilter, StoreResult};

use super::dialogs::{CategoryManager, Confirm, Modal, Pending, Picker};
use super::expense_form::ExpenseForm;
use super::history::{Change, Direction};
use super::{Action, App, Filter, FilterScope, Pane, Screen, Status, Tone};

/// Rows a page key moves when the screen has not said how many fit.
pub const DEFAULT_PAGE_ROWS: usize = 10;

/// Clock ticks a status line stays: about five seconds at four ticks a second.
const STATUS_TICKS: u16 = 20;

/// Clock ticks between catch-ups of recurring expenses: about a minute, so an app left
/// open posts what falls due without asking the ledger four times a second.
const CATCH_UP_TICKS: u16 = 240;

impl super::AppView {
    /// `#6 · 2,000.00 Shopping · 2025-05-20`, for the status line and questions.
    pub(super) fn describe(&self, e: &Expense) -> String {
        format!(
            "#{} · {} {} · {}",
            e.id,
            self.amount_text(e),
            printable(e.category.as_deref().unwrap_or("-")),
            e.date
        )
    }
}

impl App {
    /// Applies an action. Errors end up on the status line, never as a crash.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Tick => {
                if let Err(error) = self.tick() {
                    self.set_status(Tone::Error, error.to_string());
                }
            }
            Action::Layout { list_rows } => self.layout(list_rows),
            Action::Redraw => {}
            action => {
                // The last action's result stays only until the next thing the user does.
                self.view.status = None;
                self.revision += 1;
                if let Err(error) = self.dispatch(action) {
                    self.set_status(Tone::Error, error.to_string());
                }
            }
        }
    }

    fn dispatch(&mut self, action: Action) -> StoreResult<()> {
        if action == Action::Quit {
            self.view.should_quit = true;
            return Ok(());
        }
        if let Some(modal) = self.view.modal.take() {
            self.view.modal = self.modal_action(modal, action)?;
            return Ok(());
        }
        if self.view.filter.as_ref().is_some_and(|f| f.typing) {
            return self.filter_action(action);
        }
        self.main_action(&action)
    }

    /// Reloads when another process committed since the last load; expires the status.
    fn tick(&mut self) -> StoreResult<()> {
        if let Some(status) = &mut self.view.status {
            status.ticks_left = status.ticks_left.saturating_sub(1);
            if status.ticks_left == 0 {
                self.view.status = None;
                self.revision += 1;
            }
        }
        self.ticks_since_catch_up += 1;
        if self.ticks_since_catch_up >= CATCH_UP_TICKS {
            self.ticks_since_catch_up = 0;
            if let Some(now) = self.clock.map(|clock| clock())
                && now > self.view.today
            {
                self.view.today = now;
                self.revision += 1;
            }
            self.catch_up()?;
        }
        if self.store.data_version()? != self.data_version {
            self.reload(None)?;
        }
        Ok(())
    }

    /// The frame drawn showed `list_rows` rows: page keys and scrolling follow it.
    fn layout(&mut self, list_rows: usize) {
        let list_rows = list_rows.max(1);
        if list_rows != self.view.page_rows {
            self.view.page_rows = list_rows;
            self.view.keep_selection_on_screen();
            self.revision += 1;
        }
    }

    fn main_action(&mut self, action: &Action) -> StoreResult<()> {
        match action {
            Action::Up => return self.move_selection(-1),
            Action::Down => return self.move_selection(1),
            Action::PageUp => return self.move_selection(-self.page_step()),
            Action::PageDown => return self.move_selection(self.page_step()),
            Action::Top => return self.select(0),
            Action::Bottom => return self.select(usize::MAX),
            Action::SelectRow(row) => {
                self.view.focus = Pane::List;
                return self.select(*row);
            }
            Action::SelectAlert(index) => {
                self.view.focus = Pane::Alerts;
                return self.select(*index);
            }
            Action::PreviousMonth => return self.show_month(self.view.month.previous()),
            Action::NextMonth => return self.show_month(self.view.month.next()),
            Action::ThisMonth => return self.show_month(Month::of(self.view.today)),
            Action::NextPane => self.cycle_pane(true),
            Action::PreviousPane => self.cycle_pane(false),
            Action::ShowExpenses => self.view.screen = Screen::Expenses,
            Action::ShowTrends => self.view.screen = Screen::Trends,
            Action::OpenAdd => {
                let mark = self.view.numbers().decimal;
                let form = ExpenseForm::add(self.view.today, self.view.user.currency, mark);
                self.view.modal = Some(Modal::Expense(Box::new(form)));
            }
            Action::OpenEdit => {
                if let Some(expense) = self.view.selected_expense() {
                    let form = ExpenseForm::edit(expense, self.view.numbers().decimal);
                    self.view.modal = Some(Modal::Expense(Box::new(form)));
                }
            }
            Action::AskDelete => self.ask_delete(),
            Action::Undo => return self.replay(Direction::Undo),
            Action::Redo => return self.replay(Direction::Redo),
            Action::StartFilter => return self.start_filter(FilterScope::Month),
            Action::StartSearch => return self.start_filter(FilterScope::AllHistory),
            Action::Cancel if self.view.filter.take().is_some() => return self.load_list(),
            Action::OpenBudget => self.view.modal = Some(self.budget_dialog()),
            Action::OpenImport => self.view.modal = Some(Modal::Import(Box::default())),
            Action::ToggleReview => {
                self.view.review = !self.view.review;
                self.view.selected = 0;
                return self.load_list();
            }
            Action::ExportMonth => return self.export(false),
            Action::ExportAll => return self.export(true),
            Action::MarkAlertsSeen => return self.mark_alerts_seen(),
            Action::MarkAlertSeen => return self.mark_alert_seen(),
            Action::OpenHelp => self.view.modal = Some(Modal::Help),
            Action::OpenUsers => {
                let users = self.store.users()?;
                let current = users
                    .iter()
                    .position(|u| u.id == self.view.user.id)
                    .unwrap_or(0);
                self.view.modal = Some(Modal::Users(Picker::new(users, current)));
            }
            Action::OpenRecurring => self.view.modal = Some(self.recurring_manager(None)),
            Action::OpenCategories => {
                let list = Picker::new(self.view.categories.clone(), 0);
                self.view.modal = Some(Modal::Categories(CategoryManager {
                    list,
                    new_category: None,
                }));
            }
            _ => {}
        }
        Ok(())
    }

    fn ask_delete(&mut self) {
        if let Some(e) = self.view.selected_expense() {
            self.view.modal = Some(Modal::Confirm(Confirm {
                question: format!("Delete {}?", self.view.describe(e)),
                on_yes: Pending::DeleteExpense(e.id),
                back_to: None,
            }));
        }
    }

    /// Tab order: the list, the alerts pane, the trends screen.
    fn cycle_pane(&mut self, forward: bool) {
        let order = [
            (Screen::Expenses, Pane::List),
            (Screen::Expenses, Pane::Alerts),
            (Screen::Trends, Pane::List),
        ];
        let now = match self.view.screen {
            Screen::Trends => 2,
            Screen::Expenses if self.view.focus == Pane::Alerts => 1,
            Screen::Expenses => 0,
        };
        let step = if forward { 1 } else { order.len() - 1 };
        (self.view.screen, self.view.focus) = order[(now + step) % order.len()];
    }

    fn page_step(&self) -> isize {
        isize::try_from(self.view.page_rows.max(1)).unwrap_or(1)
    }

    fn move_selection(&mut self, by: isize) -> StoreResult<()> {
        let at = match self.view.focus {
            Pane::List => self.view.selected,
            Pane::Alerts => self.view.alert_selected,
        };
        self.select(at.saturating_add_signed(by))
    }

    /// Selects a row of the focused pane, clamped to its length.
    fn select(&mut self, row: usize) -> StoreResult<()> {
        match self.view.focus {
            Pane::List => {
                self.view.selected = row.min(self.view.list.total.saturating_sub(1));
                self.follow_selection()
            }
            Pane::Alerts => {
                let count = self.view.month_view.alerts.len();
                self.view.alert_selected = row.min(count.saturating_sub(1));
                Ok(())
            }
        }
    }

    /// Shows a month, within reach of today: 1970-01 to ten years past the current month.
    fn show_month(&mut self, month: Month) -> StoreResult<()> {
        if let Err(error) = month.in_reach(self.view.today) {
            self.set_status(Tone::Info, error.to_string());
            return Ok(());
        }
        self.view.month = month;
        self.view.selected = 0;
        self.view.list_offset = 0;
        self.reload(None)
    }

    /// Opens the filter bar (keeping its text) on a scope.
    fn start_filter(&mut self, scope: FilterScope) -> StoreResult<()> {
        let mut filter = self
            .view
            .filter
            .take()
            .unwrap_or_else(|| Filter::new(scope));
        let rescoped = filter.scope != scope;
        filter.typing = true;
        filter.scope = scope;
        self.view.filter = Some(filter);
        if rescoped {
            self.view.selected = 0;
            return self.load_list();
        }
        Ok(())
    }

    fn filter_action(&mut self, action: Action) -> StoreResult<()> {
        let Some(filter) = self.view.filter.as_mut() else {
            return Ok(());
        };
        match action {
            Action::EditText(request) => filter.field.edit(request),
            Action::Paste(text) => filter.field.paste(&text),
            Action::Submit => {
                filter.typing = false;
                if filter.text().is_empty() {
                    self.view.filter = None;
                }
                return Ok(());
            }
            Action::Cancel => self.view.filter = None,
            Action::ToggleFilterScope => {
                filter.scope = match filter.scope {
                    FilterScope::Month => FilterScope::AllHistory,
                    FilterScope::AllHistory => FilterScope::Month,
                };
            }
            Action::Up => return self.move_selection(-1),
            Action::Down => return self.move_selection(1),
            _ => return Ok(()),
        }
        self.view.selected = 0;
        self.load_list()
    }

    pub(super) fn set_status(&mut self, tone: Tone, text: impl Into<String>) {
        self.view.status = Some(Status {
            text: text.into(),
            tone,
            ticks_left: STATUS_TICKS,
        });
        self.revision += 1;
    }

    /// Reloads, selects the row written and reports any alert on the status line. The
    /// list moves to the month of the row written, unless the row is gone.
    pub(super) fn after_write(
        &mut self,
        summary: &str,
        outcome: &Outcome,
        row_remains: bool,
    ) -> StoreResult<()> {
        let e = &outcome.expense;
        if row_remains {
            self.view.month = Month::of(e.date);
        }
        self.reload(Some(e.id))?;
        match outcome.alerts.first() {
            Some(alert) => {
                let alert = self.view.alert_text(alert);
                self.set_status(Tone::Alert, format!("{summary} · {alert}"));
            }
            None => self.set_status(Tone::Success, summary),
        }
        Ok(())
    }

    /// Undo and redo: one function, two directions.
    fn replay(&mut self, direction: Direction) -> StoreResult<()> {
        let verb = match direction {
            Direction::Undo => "Undid",
            Direction::Redo => "Redid",
        };
        let at = (self.view.user.id, Month::of(self.view.today));
        let replayed = match self.history.replay(&mut self.store, at, direction) {
            Ok(Some(replayed)) => replayed,
            Ok(None) => {
                let what = match direction {
                    Direction::Undo => "Nothing to undo",
                    Direction::Redo => "Nothing to redo",
                };
                self.set_status(Tone::Info, what);
                return Ok(());
            }
            Err(error) => {
                self.reload(None)?;
                self.set_status(Tone::Error, format!("{error}; that step is dropped"));
                return Ok(());
            }
        };
        let summary = format!("{verb} the {}", replayed.change.describe());
        if let Some(outcome) = &replayed.outcome {
            let remains = !matches!(
                (&replayed.change, direction),
                (Change::Expense { after: None, .. }, Direction::Redo)
                    | (Change::Expense { before: None, .. }, Direction::Undo)
            );
            return self.after_write(&summary, outcome, remains);
        }
        self.reload(None)?;
        self.say_with_alert(summary, &replayed.alerts);
        Ok(())
    }

    pub(super) fn perform(&mut self, pending: Pending) -> StoreResult<Option<Modal>> {
        match pending {
            Pending::DeleteExpense(id) => {
                let outcome = self.store.delete_expense(self.view.user.id, id)?;
                let summary = format!("Deleted {}", self.view.describe(&outcome.expense));
                self.history
                    .record(Change::deleted(outcome.expense.clone()), &outcome.alerts);
                self.after_write(&summary, &outcome, false)?;
                Ok(None)
            }
            Pending::DeleteCategory(id) => {
                let removed = self.store.remove_category(id)?;
                let name = printable(&removed.category.name);
                self.history.record(Change::CategoryRemoved(removed), &[]);
                self.reload(None)?;
                self.set_status(
                    Tone::Success,
                    format!("Deleted category {name} · u undoes it"),
                );
                Ok(Some(self.category_manager(None)))
            }
            Pending::DeleteRecurring(id) => self.delete_rule(id),
            Pending::SaveExpense(form) => Ok(self.submit_expense(*form)),
            Pending::AddRecurring(manager) => self.add_agreed_rule(*manager),
            Pending::RemoveBudget(category, span) => {
                self.remove_budget(category, span)?;
                Ok(None)
            }
        }
    }

    fn mark_alerts_seen(&mut self) -> StoreResult<()> {
        let marked = self.store.mark_alerts_seen(self.view.user.id)?;
        self.reload(None)?;
        let alerts = counted(marked, "alert", "alerts");
        self.set_status(Tone::Info, format!("{alerts} marked seen"));
        Ok(())
    }

    fn mark_alert_seen(&mut self) -> StoreResult<()> {
        let Some(alert) = self.view.month_view.alerts.get(self.view.alert_selected) else {
            return Ok(());
        };
        let id = alert.id;
        self.store.mark_alert_seen(self.view.user.id, id)?;
        self.reload(None)?;
        self.set_status(Tone::Info, "Alert marked seen");
        Ok(())
    }

    /// Exports what the list shows: the month and the filter, to a file named for both.
    fn export(&mut self, everything: bool) -> StoreResult<()> {
        let (name, filter) = if everything {
            (
                "spend-all.csv".to_string(),
                ExpenseFilter {
                    user: None,
                    from: None,
                    to: None,
                    search: None,
                },
            )
        } else if self.view.searching_history() {
            let search = self.view.filter_text().map(str::to_string);
            let name = match &search {
                Some(text) => format!("spend-history-{}.csv", file_safe(text)),
                None => "spend-history.csv".to_string(),
            };
            let filter = ExpenseFilter {
                user: Some(self.view.user.id),
                from: None,
                to: None,
                search,
            };
            (name, filter)
        } else {
            let month = self.view.month;
            let search = self.view.filter_text().map(str::to_string);
            let name = match &search {
                Some(text) => format!("spend-{month}-{}.csv", file_safe(text)),
                None => format!("spend-{month}.csv"),
            };
            let filter = ExpenseFilter {
                user: Some(self.view.user.id),
                from: Some(month.first_day()),
                to: Some(month.last_day()),
                search,
            };
            (name, filter)
        };
        let path = self.export_dir.join(name);
        let rows = counted(export_to_file(&self.store, &filter, &path)?, "row", "rows");
        self.set_status(
            Tone::Success,
            format!("Exported {rows} to {}", path.display()),
        );
        Ok(())
    }
}

/// A filter's text as part of a file name: letters and digits kept, the rest as `-`.
fn file_safe(text: &str) -> String {
    let mut name = String::new();
    for c in text.chars().take(40) {
        if c.is_alphanumeric() {
            name.extend(c.to_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    name.trim_matches('-').to_string()
}
