//! `App::update`: one place where actions change state, delegating to a handler per mode.

use crate::export::export_to_file;
use crate::store::{ExpenseFilter, ExpensePatch, NewExpense, Outcome, StoreError, StoreResult};

use super::dialogs::{BudgetForm, CategoryManager, Confirm, Modal, Pending, Picker};
use super::expense_form::{ExpenseForm, Field, FormPurpose, ValidForm};
use super::text_field::TextField;
use super::{Action, App, Change, Filter, Screen, Tone};
use crate::domain::{Month, parse_amount};

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
                    self.filter_action(action);
                    Ok(())
                }
                None => self.normal_action(action),
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

    fn normal_action(&mut self, action: Action) -> StoreResult<()> {
        match action {
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-self.page_step()),
            Action::PageDown => self.move_selection(self.page_step()),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = self.visible.len().saturating_sub(1),
            Action::SelectRow(row) if row < self.visible.len() => self.selected = row,
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
                    let question = format!(
                        "Delete #{} · {} {} · {}?",
                        e.id,
                        e.currency.format_grouped(e.amount),
                        e.category.as_deref().unwrap_or("-"),
                        e.date
                    );
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
            Action::Cancel => {
                if self.filter.take().is_some() {
                    self.refilter();
                }
            }
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

    fn move_selection(&mut self, by: isize) {
        let last = self.visible.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(by).min(last);
    }

    fn show_month(&mut self, month: Month) -> StoreResult<()> {
        self.month = month;
        self.selected = 0;
        self.list_offset.set(0);
        self.reload(None)
    }

    fn filter_action(&mut self, action: Action) {
        let Some(filter) = self.filter.as_mut() else {
            return;
        };
        match action {
            Action::EditText(request) => filter.field.edit(request),
            Action::Paste(text) => filter.field.paste(&text),
            Action::Submit => {
                filter.typing = false;
                if filter.field.value().trim().is_empty() {
                    self.filter = None;
                }
                return;
            }
            Action::Cancel => self.filter = None,
            Action::Up => return self.move_selection(-1),
            Action::Down => return self.move_selection(1),
            _ => return,
        }
        self.selected = 0;
        self.refilter();
    }

    /// Handles an action for the dialog on top (already taken off the stack; it goes back
    /// unless the action closes it).
    fn modal_action(&mut self, modal: Modal, action: Action) -> StoreResult<()> {
        match modal {
            Modal::Expense(form) => self.expense_form_action(*form, action),
            Modal::Budget(form) => self.budget_form_action(form, action),
            Modal::Confirm(confirm) => match action {
                Action::Answer(true) => self.perform(confirm.on_yes),
                Action::Answer(false) => Ok(()),
                _ => {
                    self.modals.push(Modal::Confirm(confirm));
                    Ok(())
                }
            },
            Modal::Help => {
                if action != Action::Cancel {
                    self.modals.push(Modal::Help);
                }
                Ok(())
            }
            Modal::Users(picker) => self.users_action(picker, action),
            Modal::Categories(manager) => self.categories_action(manager, action),
        }
    }

    fn expense_form_action(&mut self, mut form: ExpenseForm, action: Action) -> StoreResult<()> {
        match action {
            Action::Cancel => return Ok(()),
            Action::EditText(request) => form.edit_text(request, &self.categories),
            Action::Paste(text) => form.paste(&text, &self.categories),
            Action::NextField => form.next_field(&self.categories),
            Action::PreviousField => form.previous_field(&self.categories),
            Action::Up => form.highlight(false),
            Action::Down => form.highlight(true),
            Action::Submit => {
                if let Some(valid) = form.validate(self.today) {
                    match self.save_expense(&form, valid) {
                        Ok(()) => return Ok(()),
                        Err(error) => {
                            let field = match error {
                                StoreError::Amount(_) => Some(Field::Amount),
                                StoreError::Date(_) => Some(Field::Date),
                                StoreError::UnknownCategory { .. } | StoreError::EmptyCategory => {
                                    Some(Field::Category)
                                }
                                _ => None,
                            };
                            form.show_error(error.to_string(), field);
                        }
                    }
                } else {
                    form.focus_first_error();
                }
            }
            _ => {}
        }
        self.modals.push(Modal::Expense(Box::new(form)));
        Ok(())
    }

    /// Writes a valid form through the store and shows what it caused.
    fn save_expense(&mut self, form: &ExpenseForm, valid: ValidForm) -> StoreResult<()> {
        let existing = self.store.find_category(&valid.category);
        let (change, outcome) = match &form.purpose {
            FormPurpose::Add => {
                let mut new = NewExpense {
                    user_id: self.user.id,
                    category_id: crate::store::CategoryId(0),
                    amount: valid.amount,
                    currency: form.currency,
                    date: valid.date,
                    note: valid.note,
                };
                let outcome = match existing {
                    Ok(category) => {
                        new.category_id = category.id;
                        self.store.add_expense(&new)?
                    }
                    Err(StoreError::UnknownCategory { .. }) => {
                        self.store
                            .add_expense_in_new_category(&valid.category, &new)?
                            .1
                    }
                    Err(other) => return Err(other),
                };
                (Change::Added(outcome.expense.clone()), outcome)
            }
            FormPurpose::Edit(before) => {
                let patch = ExpensePatch {
                    amount: Some(valid.amount),
                    category_id: Some(existing?.id),
                    date: Some(valid.date),
                    note: Some(valid.note),
                };
                let outcome = self.store.edit_expense(before.id, &patch)?;
                let after = outcome.expense.clone();
                (
                    Change::Edited {
                        before: (**before).clone(),
                        after,
                    },
                    outcome,
                )
            }
        };
        let verb = if matches!(change, Change::Added(_)) {
            "Added"
        } else {
            "Saved"
        };
        self.history.record(change);
        self.after_write(verb, &outcome)
    }

    /// Reloads, selects the row written and reports any alert on the status line.
    fn after_write(&mut self, verb: &str, outcome: &Outcome) -> StoreResult<()> {
        let e = &outcome.expense;
        let summary = format!(
            "{verb} #{} · {} {} · {}",
            e.id,
            e.currency.format_grouped(e.amount),
            e.category.as_deref().unwrap_or("-"),
            e.date
        );
        let month = Month::of(e.date);
        if verb != "Deleted" && month != self.month {
            self.month = month;
        }
        self.reload(Some(e.id))?;
        match outcome.alerts.first() {
            Some(alert) => self.set_status(Tone::Alert, format!("{summary} · {}", alert.message)),
            None => self.set_status(Tone::Success, summary),
        }
        Ok(())
    }

    fn perform(&mut self, pending: Pending) -> StoreResult<()> {
        match pending {
            Pending::DeleteExpense(id) => {
                let outcome = self.store.delete_expense(id)?;
                self.history
                    .record(Change::Deleted(outcome.expense.clone()));
                self.after_write("Deleted", &outcome)
            }
            Pending::DeleteCategory(id) => {
                self.store.delete_category(id)?;
                self.set_status(Tone::Success, "Category deleted");
                self.reload(None)
            }
        }
    }

    fn undo(&mut self) -> StoreResult<()> {
        match self.history.undo(&mut self.store)? {
            Some((change, outcome)) => {
                self.after_write("Undid", &outcome)?;
                self.set_status(Tone::Success, format!("Undid the {}", change.describe()));
                Ok(())
            }
            None => {
                self.set_status(Tone::Info, "Nothing to undo");
                Ok(())
            }
        }
    }

    fn redo(&mut self) -> StoreResult<()> {
        match self.history.redo(&mut self.store)? {
            Some((change, outcome)) => {
                self.after_write("Redid", &outcome)?;
                self.set_status(Tone::Success, format!("Redid the {}", change.describe()));
                Ok(())
            }
            None => {
                self.set_status(Tone::Info, "Nothing to redo");
                Ok(())
            }
        }
    }

    fn open_budget(&mut self) {
        let category = self
            .selected_expense()
            .and_then(|e| e.category.clone())
            .unwrap_or_default();
        let amount = self
            .view
            .budgets
            .iter()
            .find(|b| b.category == category)
            .map(|b| self.user.currency.format_plain(b.budget))
            .unwrap_or_default();
        let form = BudgetForm::new(&category, &amount, &self.categories);
        self.modals.push(Modal::Budget(form));
    }

    fn budget_form_action(&mut self, mut form: BudgetForm, action: Action) -> StoreResult<()> {
        match action {
            Action::Cancel => return Ok(()),
            Action::EditText(request) => {
                form.focused().edit(request);
                form.after_edit(&self.categories);
            }
            Action::Paste(text) => {
                form.focused().paste(&text);
                form.after_edit(&self.categories);
            }
            Action::NextField | Action::PreviousField => form.switch_field(&self.categories),
            Action::Submit => match self.save_budget(&mut form) {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(error) => form.amount.error = Some(error.to_string()),
            },
            _ => {}
        }
        self.modals.push(Modal::Budget(form));
        Ok(())
    }

    /// True when saved; false leaves errors in the form.
    fn save_budget(&mut self, form: &mut BudgetForm) -> StoreResult<bool> {
        let category = self.store.find_category(form.category.value());
        let amount = parse_amount(form.amount.value(), self.user.currency);
        if let Err(error) = &category {
            form.category.error = Some(error.to_string());
            form.on_amount = false;
        }
        if let Err(error) = &amount {
            form.amount.error = Some(error.to_string());
        }
        let (Ok(category), Ok(amount)) = (category, amount) else {
            return Ok(false);
        };
        let alerts = self
            .store
            .set_budget(self.user.id, category.id, self.month, amount)?;
        self.reload(None)?;
        let summary = format!(
            "Budget for {} in {}: {}",
            category.name,
            self.month.long_name(),
            self.user.currency.format_grouped(amount)
        );
        match alerts.first() {
            Some(alert) => self.set_status(Tone::Alert, format!("{summary} · {}", alert.message)),
            None => self.set_status(Tone::Success, summary),
        }
        Ok(true)
    }

    fn export(&mut self, everything: bool) -> StoreResult<()> {
        let (name, filter) = if everything {
            (
                "spend-all.csv".to_string(),
                ExpenseFilter {
                    user: None,
                    from: None,
                    until: None,
                },
            )
        } else {
            let filter = ExpenseFilter {
                user: Some(self.user.id),
                from: Some(self.month.first_day()),
                until: Some(self.month.end_exclusive()),
            };
            (format!("spend-{}.csv", self.month), filter)
        };
        let path = self.export_dir.join(name);
        let rows = export_to_file(&self.store, &filter, &path)?;
        self.set_status(
            Tone::Success,
            format!("Exported {rows} rows to {}", path.display()),
        );
        Ok(())
    }

    fn users_action(
        &mut self,
        mut picker: Picker<crate::store::User>,
        action: Action,
    ) -> StoreResult<()> {
        match action {
            Action::Up | Action::Down => picker.step(action == Action::Down),
            Action::Submit => {
                if let Some(user) = picker.current() {
                    self.user = user.clone();
                    self.history = super::History::default();
                    self.set_status(Tone::Info, format!("Now showing {}", self.user.name));
                    self.selected = 0;
                    return self.reload(None);
                }
            }
            Action::Cancel => return Ok(()),
            _ => {}
        }
        self.modals.push(Modal::Users(picker));
        Ok(())
    }

    fn categories_action(
        &mut self,
        mut manager: CategoryManager,
        action: Action,
    ) -> StoreResult<()> {
        if let Some(mut name) = manager.new_name.take() {
            match action {
                Action::EditText(request) => name.edit(request),
                Action::Paste(text) => name.paste(&text),
                Action::Submit => match self.store.add_category(name.value(), None) {
                    Ok(category) => {
                        self.set_status(Tone::Success, format!("Added category {}", category.name));
                        self.reload(None)?;
                        let at = self
                            .categories
                            .iter()
                            .position(|c| c.id == category.id)
                            .unwrap_or(0);
                        manager.list = Picker::new(self.categories.clone(), at);
                        self.modals.push(Modal::Categories(manager));
                        return Ok(());
                    }
                    Err(error) => name.error = Some(error.to_string()),
                },
                Action::Cancel => {
                    self.modals.push(Modal::Categories(manager));
                    return Ok(());
                }
                _ => {}
            }
            manager.new_name = Some(name);
            self.modals.push(Modal::Categories(manager));
            return Ok(());
        }
        match action {
            Action::Up | Action::Down => manager.list.step(action == Action::Down),
            Action::NewCategory => manager.new_name = Some(TextField::new("New category", "")),
            Action::DeleteCategory => {
                if let Some(category) = manager.list.current() {
                    let confirm = Confirm {
                        question: format!(
                            "Delete category {}? Its expenses keep no category; its budgets go.",
                            category.name
                        ),
                        on_yes: Pending::DeleteCategory(category.id),
                    };
                    self.modals.push(Modal::Confirm(confirm));
                }
                return Ok(());
            }
            Action::Cancel => return Ok(()),
            _ => {}
        }
        self.modals.push(Modal::Categories(manager));
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
