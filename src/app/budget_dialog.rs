//! The budget dialog's actions: set a budget, standing or for the month shown alone, or
//! remove it after asking; every change is a step `u` takes back.

use crate::domain::{Alert, Category, CategoryId, Month, parse_typed_budget, printable};
use crate::store::{
    BudgetChange, BudgetRemoval, BudgetRemoved, BudgetSpan, Store, StoreError, StoreResult,
};

use super::dialogs::{BudgetForm, Confirm, Modal, Pending};
use super::history::Change;
use super::{Action, App, Tone, words};

impl App {
    /// The budget dialog on the selected row's category and its current budget.
    pub(super) fn budget_dialog(&self) -> Modal {
        let category = self
            .view
            .selected_expense()
            .and_then(|e| e.category.clone())
            .unwrap_or_default();
        Modal::Budget(BudgetForm::new(
            &category,
            &self.view.categories,
            &self.view.month_view.budgets,
            self.view.numbers().decimal,
        ))
    }

    pub(super) fn budget_form_action(
        &mut self,
        mut form: BudgetForm,
        action: Action,
    ) -> Option<Modal> {
        let budgets = &self.view.month_view.budgets;
        match action {
            Action::Cancel => return None,
            Action::EditText(request) => {
                form.focused().edit(request);
                form.after_edit(&self.view.categories, budgets);
            }
            Action::Paste(text) => {
                form.focused().paste(&text);
                form.after_edit(&self.view.categories, budgets);
            }
            Action::NextField | Action::PreviousField => {
                form.switch_field(&self.view.categories, budgets);
            }
            Action::ToggleBudgetSpan => form.standing = !form.standing,
            Action::ToggleRollover => form.rollover = !form.rollover,
            Action::ToggleCarryOverspending => {
                form.carry_overspending = !form.carry_overspending;
            }
            Action::Submit => match self.save_budget(&mut form) {
                Ok(BudgetSaved::Saved) => return None,
                Ok(BudgetSaved::Ask(question)) => return Some(*question),
                Ok(BudgetSaved::Refused) => {}
                Err(error) => form.amount.error = Some(error.to_string()),
            },
            _ => {}
        }
        Some(Modal::Budget(form))
    }

    /// Saves the form, or asks first when an empty amount removes a budget.
    fn save_budget(&mut self, form: &mut BudgetForm) -> StoreResult<BudgetSaved> {
        let category = self.store.find_category(form.category.value());
        let currency = self.view.user.currency;
        let month = self.view.month;
        let span = if form.standing {
            BudgetSpan::From(month)
        } else {
            BudgetSpan::Month(month)
        };
        if form.amount.value().trim().is_empty() {
            return self.ask_to_remove(form, category, span);
        }
        // A budget filled in and left alone is kept as it is, not read back from its text.
        let amount = match form.current.as_ref().filter(|_| form.amount.prefilled) {
            Some(current) => Ok(current.base()),
            None => parse_typed_budget(form.amount.value(), currency, self.view.numbers().decimal)
                .map_err(|e| words::amount_error(&e, false)),
        };
        if let Err(error) = &category {
            form.category.error = Some(error.to_string());
            form.on_amount = false;
        }
        if let Err(error) = &amount {
            form.amount.error = Some(error.clone());
        }
        let (Ok(category), Ok(amount)) = (category, amount) else {
            return Ok(BudgetSaved::Refused);
        };
        let change = BudgetChange {
            user: self.view.user.id,
            category: category.id,
            span,
            amount,
            rollover: Some(form.rollover),
            carry_overspending: Some(form.carry_overspending),
        };
        let current = Month::of(self.view.today);
        let ((), alerts) = self.recorded(&category, |store| {
            Ok(((), store.change_budget(&change, current)?))
        })?;
        self.reload(None)?;
        let name = printable(&category.name);
        let money = self.view.money(amount);
        let summary = match span {
            BudgetSpan::From(_) => format!(
                "Budget for {name}: {money} a month from {}",
                month.long_name()
            ),
            BudgetSpan::Month(_) => {
                format!("Budget for {name} in {} alone: {money}", month.long_name())
            }
        };
        self.say_with_alert(summary, &alerts);
        Ok(BudgetSaved::Saved)
    }

    /// Removes a budget the budget dialog asked about; `u` undoes it.
    pub(super) fn remove_budget(
        &mut self,
        category: CategoryId,
        removal: BudgetRemoval,
    ) -> StoreResult<()> {
        let Some(found) = self
            .view
            .categories
            .iter()
            .find(|c| c.id == category)
            .cloned()
        else {
            return Err(StoreError::NoSuchCategory(category));
        };
        let (user, current) = (self.view.user.id, Month::of(self.view.today));
        let (removed, alerts) = self.recorded(&found, |store| {
            store.remove_budget(user, category, removal, current)
        })?;
        let name = printable(&found.name);
        self.reload(None)?;
        let month = self.view.month.long_name();
        let summary = match removed {
            BudgetRemoved::StandingEnded { from, resumes } => {
                let until = resumes.map_or_else(
                    || " on".to_string(),
                    |resumes| format!(" until {}", resumes.long_name()),
                );
                format!(
                    "Standing budget of {name} ended from {}{until}",
                    from.long_name()
                )
            }
            BudgetRemoved::MonthFollowsStanding(amount) => format!(
                "{name} in {month} follows its standing budget again: {}",
                self.view.money(amount)
            ),
            BudgetRemoved::MonthCleared => format!("{name} has no budget in {month}"),
        };
        if alerts.is_empty() {
            self.set_status(Tone::Success, format!("{summary} · u undoes it"));
        } else {
            self.say_with_alert(summary, &alerts);
        }
        Ok(())
    }

    /// An empty amount removes the picked category's budget: asks first, naming a change
    /// scheduled later, which ending the budget keeps.
    fn ask_to_remove(
        &mut self,
        form: &mut BudgetForm,
        category: StoreResult<Category>,
        span: BudgetSpan,
    ) -> StoreResult<BudgetSaved> {
        let month = self.view.month;
        Ok(match (category, &form.current) {
            (Ok(category), Some(_)) => {
                let name = printable(&category.name);
                let (question, removal) = match span {
                    BudgetSpan::From(from) => {
                        let plan = self.store.budget_plan(self.view.user.id, category.id)?;
                        let until = match plan.next_standing_change(from) {
                            Some((resumes, Some(_))) => format!(
                                " until {}, when the change scheduled then takes over",
                                resumes.long_name()
                            ),
                            _ => " on".to_string(),
                        };
                        let question = format!(
                            "End the standing budget of {name} from {}{until}?",
                            month.long_name()
                        );
                        (question, BudgetRemoval::Standing { from, all: false })
                    }
                    BudgetSpan::Month(month) => {
                        let question = format!(
                            "Remove the budget {name} has for {} alone?",
                            month.long_name()
                        );
                        (question, BudgetRemoval::Month(month))
                    }
                };
                BudgetSaved::Ask(Box::new(Modal::Confirm(Confirm {
                    question,
                    on_yes: Pending::RemoveBudget(category.id, removal),
                    back_to: Some(Box::new(Modal::Budget(form.clone()))),
                })))
            }
            (Ok(category), None) => {
                form.amount.error = Some(format!(
                    "{} has no budget in {} to remove; type an amount to set one",
                    printable(&category.name),
                    month.long_name()
                ));
                BudgetSaved::Refused
            }
            (Err(error), _) => {
                form.category.error = Some(error.to_string());
                form.on_amount = false;
                BudgetSaved::Refused
            }
        })
    }

    /// Makes a change to a category's budgets and records it as a step `u` takes back,
    /// with the alerts it fired.
    fn recorded<T>(
        &mut self,
        category: &Category,
        change: impl FnOnce(&mut Store) -> StoreResult<(T, Vec<Alert>)>,
    ) -> StoreResult<(T, Vec<Alert>)> {
        let user = self.view.user.id;
        let before = self.store.budget_plan(user, category.id)?;
        let (done, alerts) = change(&mut self.store)?;
        let after = self.store.budget_plan(user, category.id)?;
        let step = Change::Budget {
            category: category.clone(),
            before,
            after,
        };
        self.history.record(step, &alerts);
        Ok((done, alerts))
    }

    /// Says what was done, and the first alert it fired, if any.
    pub(super) fn say_with_alert(&mut self, summary: String, alerts: &[Alert]) {
        match alerts.first() {
            Some(alert) => {
                let alert = self.view.alert_text(alert);
                self.set_status(Tone::Alert, format!("{summary} · {alert}"));
            }
            None => self.set_status(Tone::Success, summary),
        }
    }
}

/// What saving the budget dialog came to.
enum BudgetSaved {
    Saved,
    /// A question to answer first: removing a budget asks.
    Ask(Box<Modal>),
    /// Errors are in the form.
    Refused,
}
