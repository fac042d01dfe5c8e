//! What actions do while a dialog is open: the expense and budget forms, the yes/no
//! question, the user picker and the category manager.

use crate::domain::parse_amount;
use crate::domain::{CategoryId, ExpensePatch, NewExpense, User};
use crate::store::{StoreError, StoreResult};

use super::dialogs::{BudgetForm, CategoryManager, Confirm, Modal, Pending, Picker};
use super::expense_form::{ExpenseForm, Field, FormPurpose, ValidForm};
use super::text_field::TextField;
use super::{Action, App, Change, History, Tone};

impl App {
    /// Handles an action for the dialog on top (already taken off the stack; it goes back
    /// unless the action closes it).
    pub(super) fn modal_action(&mut self, modal: Modal, action: Action) -> StoreResult<()> {
        match modal {
            Modal::Expense(form) => {
                self.expense_form_action(*form, action);
                Ok(())
            }
            Modal::Budget(form) => {
                self.budget_form_action(form, action);
                Ok(())
            }
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
            Modal::Users(picker) => self.users_action(picker, &action),
            Modal::Categories(manager) => self.categories_action(manager, action),
        }
    }

    fn expense_form_action(&mut self, mut form: ExpenseForm, action: Action) {
        match action {
            Action::Cancel => return,
            Action::EditText(request) => form.edit_text(request, &self.categories),
            Action::Paste(text) => form.paste(&text, &self.categories),
            Action::NextField => form.next_field(&self.categories),
            Action::PreviousField => form.previous_field(&self.categories),
            Action::Up => form.highlight(false),
            Action::Down => form.highlight(true),
            Action::Submit => {
                if let Some(valid) = form.validate(self.today) {
                    match self.save_expense(&form, valid) {
                        Ok(()) => return,
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
    }

    /// Writes a valid form through the store and shows what it caused.
    fn save_expense(&mut self, form: &ExpenseForm, valid: ValidForm) -> StoreResult<()> {
        let existing = self.store.find_category(&valid.category);
        let (change, outcome) = match &form.purpose {
            FormPurpose::Add => {
                let mut new = NewExpense {
                    user_id: self.user.id,
                    category_id: CategoryId(0),
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
                let outcome = self.store.edit_expense(self.user.id, before.id, &patch)?;
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

    /// Opens the budget dialog on the selected row's category and its current budget.
    pub(super) fn open_budget(&mut self) {
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

    fn budget_form_action(&mut self, mut form: BudgetForm, action: Action) {
        match action {
            Action::Cancel => return,
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
                Ok(true) => return,
                Ok(false) => {}
                Err(error) => form.amount.error = Some(error.to_string()),
            },
            _ => {}
        }
        self.modals.push(Modal::Budget(form));
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

    fn users_action(&mut self, mut picker: Picker<User>, action: &Action) -> StoreResult<()> {
        match action {
            Action::Up | Action::Down => picker.step(*action == Action::Down),
            Action::Submit => {
                if let Some(user) = picker.current() {
                    self.user = user.clone();
                    self.history = History::default();
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
