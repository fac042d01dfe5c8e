//! What actions do while a dialog is open. Each handler takes the dialog and returns the
//! dialog to show next (itself, another, or none), so no path can close one by forgetting it.

use crate::domain::{
    ExchangeRate, ExpensePatch, NewExpense, User, implausible_date, likely_meant, printable,
};
use crate::store::{ExpenseByName, StoreError, StoreResult};

use super::dialogs::{CategoryManager, Confirm, Modal, NewCategoryForm, Pending, Picker};
use super::expense_form::{ExpenseForm, Field, FormPurpose, ValidForm};
use super::history::{Change, History};
use super::{Action, App, Tone, words};

impl App {
    /// Handles an action for the open dialog and returns the dialog to show next.
    pub(super) fn modal_action(
        &mut self,
        modal: Modal,
        action: Action,
    ) -> StoreResult<Option<Modal>> {
        match modal {
            Modal::Expense(form) => Ok(self.expense_form_action(*form, action)),
            Modal::Budget(form) => Ok(self.budget_form_action(form, action)),
            Modal::Confirm(confirm) => self.confirm_action(confirm, &action),
            Modal::Help => Ok((action != Action::Cancel).then_some(Modal::Help)),
            Modal::Users(picker) => self.users_action(picker, &action),
            Modal::Categories(manager) => self.categories_action(manager, action),
            Modal::Import(dialog) => self.import_dialog_action(*dialog, action),
            Modal::Recurring(manager) => self.recurring_action(*manager, action),
        }
    }

    fn confirm_action(&mut self, confirm: Confirm, action: &Action) -> StoreResult<Option<Modal>> {
        match action {
            Action::Answer(true) => self.perform(confirm.on_yes),
            Action::Answer(false) => Ok(confirm.back_to.map(|modal| *modal)),
            _ => Ok(Some(Modal::Confirm(confirm))),
        }
    }

    fn expense_form_action(&mut self, mut form: ExpenseForm, action: Action) -> Option<Modal> {
        let categories = &self.view.categories;
        match action {
            Action::Cancel => return None,
            Action::EditText(request) => form.edit_text(request, categories),
            Action::Paste(text) => form.paste(&text, categories),
            Action::NextField => form.next_field(categories),
            Action::PreviousField => form.previous_field(categories),
            Action::Up => form.highlight(false),
            Action::Down => form.highlight(true),
            Action::Submit => {
                form.take_picked_suggestion();
                return self.submit_expense(form);
            }
            _ => {}
        }
        Some(Modal::Expense(Box::new(form)))
    }

    /// Validates and saves the form; returns the form again (with its errors) or a question
    /// to answer first, or nothing once saved.
    pub(super) fn submit_expense(&mut self, mut form: ExpenseForm) -> Option<Modal> {
        let Some(valid) = form.validate(self.view.today) else {
            form.focus_first_error();
            return Some(Modal::Expense(Box::new(form)));
        };
        if let Some(question) = self.question_before_saving(&form, &valid) {
            return Some(question);
        }
        match self.save_expense(&form, valid) {
            Ok(()) => None,
            Err(StoreError::NoRate { currency, date }) => {
                form.ask_rate(currency, date);
                Some(Modal::Expense(Box::new(form)))
            }
            Err(error) => {
                let field = match error {
                    StoreError::Amount(_) => Some(Field::Amount),
                    StoreError::Date(_) => Some(Field::Date),
                    StoreError::UnknownCategory { .. }
                    | StoreError::EmptyCategory
                    | StoreError::DuplicateCategory(_) => Some(Field::Category),
                    _ => None,
                };
                let message = match &error {
                    StoreError::Amount(amount) => words::amount_error(amount, true),
                    other => other.to_string(),
                };
                form.show_error(message, field);
                Some(Modal::Expense(Box::new(form)))
            }
        }
    }

    /// What to ask before saving, if anything: a date that is probably a slip, then a new
    /// category that looks like a slip for an existing one. "Yes" saves again with the
    /// answer kept; "no" goes back to the form.
    fn question_before_saving(&self, form: &ExpenseForm, valid: &ValidForm) -> Option<Modal> {
        let mut agreed = form.clone();
        let question = if let Some(doubt) =
            implausible_date(valid.date, self.view.today).filter(|_| !form.agreed.unusual_date)
        {
            agreed.agreed.unusual_date = true;
            format!("The {doubt}. Save it with this date?")
        } else {
            let adding = matches!(form.purpose, FormPurpose::Add);
            let names: Vec<&str> = self
                .view
                .categories
                .iter()
                .map(|c| c.name.as_str())
                .collect();
            let meant = likely_meant(&valid.category, &names)
                .filter(|_| adding && !form.agreed.new_category)?;
            agreed.agreed.new_category = true;
            format!(
                "Create the category {}? (did you mean {}?)",
                printable(&valid.category),
                printable(meant)
            )
        };
        Some(Modal::Confirm(Confirm {
            question,
            on_yes: Pending::SaveExpense(Box::new(agreed)),
            back_to: Some(Box::new(Modal::Expense(Box::new(form.clone())))),
        }))
    }

    /// Writes a valid form through the store and shows what it caused.
    fn save_expense(&mut self, form: &ExpenseForm, valid: ValidForm) -> StoreResult<()> {
        let user = self.view.user.id;
        let (change, outcome, verb) = match &form.purpose {
            FormPurpose::Add => {
                let expense = NewExpense {
                    rate: valid.rate,
                    user_id: user,
                    category_id: crate::domain::CategoryId(0),
                    amount: valid.amount,
                    currency: valid.currency,
                    date: valid.date,
                    note: valid.note,
                };
                let added = self.store.add_expense_by_name(&ExpenseByName {
                    expense,
                    category: &valid.category,
                    create_missing: true,
                })?;
                let change = Change::added(added.outcome.expense.clone(), added.created);
                (change, added.outcome, "Added")
            }
            FormPurpose::Edit(before) => {
                let patch = ExpensePatch {
                    amount: Some(valid.amount),
                    category_id: Some(self.store.find_category(&valid.category)?.id),
                    date: Some(valid.date),
                    note: Some(valid.note),
                };
                let outcome = self.store.edit_expense(user, before.id, &patch)?;
                let change = Change::edited((**before).clone(), outcome.expense.clone());
                (change, outcome, "Saved")
            }
        };
        self.history.record(change, &outcome.alerts);
        let mut summary = format!("{verb} {}", self.view.describe(&outcome.expense));
        if let Some(rate) = valid.rate {
            summary.push_str(&self.keep_rate(valid.currency, valid.date, rate));
        }
        self.after_write(&summary, &outcome, true)
    }

    /// Keeps a rate typed in the dialog as the ledger's rate of its date, as `spend rate
    /// set` would, so the next expense in that currency finds it; the expense already holds
    /// it either way. Says what became of it, for the status line.
    fn keep_rate(
        &mut self,
        currency: crate::domain::Currency,
        date: chrono::NaiveDate,
        rate: crate::domain::Rate,
    ) -> String {
        let kept = ExchangeRate {
            base: self.view.user.currency,
            currency,
            date,
            rate,
        };
        let shown = self.view.numbers().decimal.write(&rate.to_string());
        match self.store.set_rates(&[kept]) {
            Ok(_) => format!(" · rate {shown} kept for {currency} from {date}"),
            Err(error) => format!(" · the rate was not kept for later expenses: {error}"),
        }
    }

    fn users_action(
        &mut self,
        mut picker: Picker<User>,
        action: &Action,
    ) -> StoreResult<Option<Modal>> {
        match action {
            Action::Up | Action::Down => picker.step(*action == Action::Down),
            Action::Submit => {
                if let Some(user) = picker.current() {
                    self.view.user = user.clone();
                    self.history = History::default();
                    self.view.selected = 0;
                    self.view.alert_selected = 0;
                    self.reload(None)?;
                    let name = printable(&self.view.user.name);
                    self.set_status(Tone::Info, format!("Now showing {name}"));
                    return Ok(None);
                }
            }
            Action::Cancel => return Ok(None),
            _ => {}
        }
        Ok(Some(Modal::Users(picker)))
    }

    /// The category manager on a fresh list, the given category highlighted.
    pub(super) fn category_manager(&self, highlight: Option<crate::domain::CategoryId>) -> Modal {
        let categories = self.view.categories.clone();
        let at = highlight
            .and_then(|id| categories.iter().position(|c| c.id == id))
            .unwrap_or(0);
        Modal::Categories(CategoryManager {
            list: Picker::new(categories, at),
            new_category: None,
        })
    }

    fn categories_action(
        &mut self,
        mut manager: CategoryManager,
        action: Action,
    ) -> StoreResult<Option<Modal>> {
        if let Some(form) = manager.new_category.take() {
            return self.new_category_action(manager, form, action);
        }
        match action {
            Action::Up | Action::Down => manager.list.step(action == Action::Down),
            Action::NewCategory => manager.new_category = Some(NewCategoryForm::new()),
            Action::DeleteCategory => {
                if let Some(category) = manager.list.current() {
                    let question = format!(
                        "Delete the category {}? Its expenses keep no category and its budgets go; u undoes it.",
                        printable(&category.name)
                    );
                    let on_yes = Pending::DeleteCategory(category.id);
                    let back_to = Some(Box::new(Modal::Categories(manager)));
                    return Ok(Some(Modal::Confirm(Confirm {
                        question,
                        on_yes,
                        back_to,
                    })));
                }
            }
            Action::Cancel => return Ok(None),
            _ => {}
        }
        Ok(Some(Modal::Categories(manager)))
    }

    fn new_category_action(
        &mut self,
        mut manager: CategoryManager,
        mut form: NewCategoryForm,
        action: Action,
    ) -> StoreResult<Option<Modal>> {
        match action {
            Action::EditText(request) => form.focused().edit(request),
            Action::Paste(text) => form.focused().paste(&text),
            Action::NextField | Action::PreviousField => form.switch_field(),
            Action::Submit => {
                let description = Some(form.description.value()).filter(|d| !d.trim().is_empty());
                match self.store.add_category(form.name.value(), description) {
                    Ok(category) => {
                        self.reload(None)?;
                        let name = printable(&category.name);
                        self.set_status(Tone::Success, format!("Added category {name}"));
                        return Ok(Some(self.category_manager(Some(category.id))));
                    }
                    Err(error) => {
                        form.name.error = Some(error.to_string());
                        form.on_description = false;
                    }
                }
            }
            Action::Cancel => return Ok(Some(Modal::Categories(manager))),
            _ => {}
        }
        manager.new_category = Some(form);
        Ok(Some(Modal::Categories(manager)))
    }
}
