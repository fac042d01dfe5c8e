//! The recurring expenses screen (`r`): the user's rules with when each is next due, a form
//! to add one, and `d` to delete one after a y/n question. Adding posts at once what is
//! already due, with the alerts an add reports.

use chrono::NaiveDate;

use crate::domain::{
    Frequency, Recurring, RecurringId, Schedule, implausible_date, parse_date,
    parse_typed_expense_amount, printable,
};
use crate::store::{NewRecurring, StoreResult};

use super::dialogs::{Confirm, Modal, Pending, Picker};
use super::text_field::TextField;
use super::{Action, App, Tone, words};

/// The list of rules, and perhaps a new one being typed.
#[derive(Debug, Clone)]
pub struct RecurringManager {
    pub list: Picker<Recurring>,
    pub new_rule: Option<RecurringForm>,
}

/// Which field of the form a field is, in the order Tab visits them.
const AMOUNT: usize = 0;
const CATEGORY: usize = 1;
const EVERY: usize = 2;
const DAY: usize = 3;
const FROM: usize = 4;
const UNTIL: usize = 5;
const NOTE: usize = 6;

/// A recurring expense being typed: the command line's arguments as fields.
#[derive(Debug, Clone)]
pub struct RecurringForm {
    pub fields: [TextField; 7],
    /// Index of the field with the focus.
    pub focus: usize,
    /// A start before 1970 or more than a year ahead was asked about and agreed to.
    pub agreed_start: bool,
}

impl RecurringForm {
    /// An empty form repeating every month from today.
    pub fn new(today: NaiveDate) -> RecurringForm {
        let mut form = RecurringForm {
            fields: [
                TextField::new("Amount", ""),
                TextField::new("Category", ""),
                TextField::new("Every", "month"),
                TextField::new("Day", ""),
                TextField::new("From", today.to_string()),
                TextField::new("Until", ""),
                TextField::new("Note", ""),
            ],
            focus: AMOUNT,
            agreed_start: false,
        };
        form.fields[AMOUNT].focus();
        form
    }

    pub fn focused(&mut self) -> &mut TextField {
        &mut self.fields[self.focus]
    }

    /// Moves the focus to the next (or previous) field, round again.
    pub fn step(&mut self, forward: bool) {
        let count = self.fields.len();
        self.focus = if forward {
            (self.focus + 1) % count
        } else {
            (self.focus + count - 1) % count
        };
        self.focused().focus();
    }

    /// Puts an error under a field and the focus on it.
    fn refuse(&mut self, at: usize, error: impl Into<String>) {
        self.fields[at].error = Some(error.into());
        self.focus = at;
        self.focused().focus();
    }
}

impl App {
    /// The recurring screen on a fresh list, the given rule highlighted.
    pub(super) fn recurring_manager(&self, highlight: Option<RecurringId>) -> Modal {
        let rules = self.view.month_view.recurring.clone();
        let at = highlight
            .and_then(|id| rules.iter().position(|r| r.id == id))
            .unwrap_or(0);
        Modal::Recurring(Box::new(RecurringManager {
            list: Picker::new(rules, at),
            new_rule: None,
        }))
    }

    pub(super) fn recurring_action(
        &mut self,
        mut manager: RecurringManager,
        action: Action,
    ) -> StoreResult<Option<Modal>> {
        if let Some(form) = manager.new_rule.take() {
            return self.recurring_form_action(manager, form, action);
        }
        match action {
            Action::Up | Action::Down => manager.list.step(action == Action::Down),
            Action::NewRecurring => manager.new_rule = Some(RecurringForm::new(self.view.today)),
            Action::DeleteRecurring => {
                if let Some(rule) = manager.list.current() {
                    let question = format!(
                        "Delete the recurring {} {} ({})? What it posted stays.",
                        printable(&rule.category),
                        self.view.money(rule.amount),
                        rule.schedule.describe()
                    );
                    let on_yes = Pending::DeleteRecurring(rule.id);
                    let back_to = Some(Box::new(Modal::Recurring(Box::new(manager))));
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
        Ok(Some(Modal::Recurring(Box::new(manager))))
    }

    fn recurring_form_action(
        &mut self,
        mut manager: RecurringManager,
        mut form: RecurringForm,
        action: Action,
    ) -> StoreResult<Option<Modal>> {
        match action {
            Action::EditText(request) => form.focused().edit(request),
            Action::Paste(text) => form.focused().paste(&text),
            Action::NextField => form.step(true),
            Action::PreviousField => form.step(false),
            Action::Submit => {
                if let Some(question) = self.doubt_about_start(&manager, &form) {
                    return Ok(Some(question));
                }
                if let Some(new) = self.checked_rule(&mut form) {
                    match self.store.add_recurring(&new) {
                        Ok(rule) => return self.after_adding_rule(&rule),
                        Err(error) => form.refuse(AMOUNT, error.to_string()),
                    }
                }
            }
            Action::Cancel => return Ok(Some(Modal::Recurring(Box::new(manager)))),
            _ => {}
        }
        manager.new_rule = Some(form);
        Ok(Some(Modal::Recurring(Box::new(manager))))
    }

    /// A start that is probably a slip of the year (it would post decades of backlog at once)
    /// is asked about before anything is stored; "yes" adds the rule, "no" goes back to it.
    fn doubt_about_start(&self, manager: &RecurringManager, form: &RecurringForm) -> Option<Modal> {
        let today = self.view.today;
        let from = parse_date(form.fields[FROM].value().trim(), today).ok()?;
        let doubt = implausible_date(from, today).filter(|_| !form.agreed_start)?;
        let with_form = |form: RecurringForm| RecurringManager {
            list: manager.list.clone(),
            new_rule: Some(form),
        };
        let mut agreed = form.clone();
        agreed.agreed_start = true;
        Some(Modal::Confirm(Confirm {
            question: format!(
                "The {doubt}. Start the recurring expense from {from} anyway?{}",
                if from < today {
                    " Every date due since then is posted at once."
                } else {
                    ""
                }
            ),
            on_yes: Pending::AddRecurring(Box::new(with_form(agreed))),
            back_to: Some(Box::new(Modal::Recurring(Box::new(with_form(
                form.clone(),
            ))))),
        }))
    }

    /// Adds the rule of a form whose start was agreed to, as Enter on it would.
    pub(super) fn add_agreed_rule(
        &mut self,
        mut manager: RecurringManager,
    ) -> StoreResult<Option<Modal>> {
        match manager.new_rule.take() {
            Some(form) => self.recurring_form_action(manager, form, Action::Submit),
            None => Ok(Some(Modal::Recurring(Box::new(manager)))),
        }
    }

    /// The rule the form describes, or `None` with an error under each wrong field.
    fn checked_rule(&self, form: &mut RecurringForm) -> Option<NewRecurring> {
        for field in &mut form.fields {
            field.error = None;
        }
        let today = self.view.today;
        let value = |at: usize| form.fields[at].value().trim().to_string();
        let mark = self.view.numbers().decimal;
        let amount = parse_typed_expense_amount(&value(AMOUNT), self.view.user.currency, mark)
            .map_err(|e| words::amount_error(&e, false));
        let category = self.store.find_category(&value(CATEGORY));
        let every = Frequency::parse(&value(EVERY));
        let day = match value(DAY).as_str() {
            "" => Ok(None),
            text => text.parse::<u32>().map(Some).map_err(|_| {
                format!("{text:?} is not a day; 1 to 7 for a weekday, 1 to 31 in a month")
            }),
        };
        // An unusual start was asked about before this.
        let from = parse_date(&value(FROM), today).map_err(|e| e.to_string());
        let until = match value(UNTIL).as_str() {
            "" => Ok(None),
            text => parse_date(text, today).map(Some),
        };
        let mut wrong = Vec::new();
        if let Err(e) = &amount {
            wrong.push((AMOUNT, e.clone()));
        }
        if let Err(e) = &category {
            wrong.push((CATEGORY, e.to_string()));
        }
        if let Err(e) = &every {
            wrong.push((EVERY, e.to_string()));
        }
        if let Err(e) = &day {
            wrong.push((DAY, e.clone()));
        }
        if let Err(e) = &from {
            wrong.push((FROM, e.clone()));
        }
        if let Err(e) = &until {
            wrong.push((UNTIL, e.to_string()));
        }
        if let (Ok(amount), Ok(category), Ok(every), Ok(day), Ok(from), Ok(until)) =
            (amount, category, every, day, from, until)
        {
            match Schedule::new(every, day, from, until) {
                Ok(schedule) => {
                    return Some(NewRecurring {
                        user_id: self.view.user.id,
                        category_id: category.id,
                        amount,
                        schedule,
                        note: Some(value(NOTE)).filter(|n| !n.is_empty()),
                    });
                }
                Err(e) => wrong.push((if until.is_some() { UNTIL } else { DAY }, e.to_string())),
            }
        }
        // The first wrong field takes the focus; every wrong one shows why.
        for (at, error) in wrong.into_iter().rev() {
            form.refuse(at, error);
        }
        None
    }

    /// Posts what the new rule already has due and says what happened.
    fn after_adding_rule(&mut self, rule: &Recurring) -> StoreResult<Option<Modal>> {
        let caught = self.store.catch_up(self.view.today)?;
        self.reload(None)?;
        let posted = if caught.posted.is_empty() {
            String::new()
        } else {
            format!(" · posted {}", caught.posted.len())
        };
        let summary = format!(
            "Added recurring {} {} {}{posted}",
            printable(&rule.category),
            self.view.money(rule.amount),
            rule.schedule.describe()
        );
        match caught.alerts.first() {
            Some(alert) => {
                let alert = self.view.alert_text(alert);
                self.set_status(Tone::Alert, format!("{summary} · {alert}"));
            }
            None => self.set_status(Tone::Success, summary),
        }
        Ok(Some(self.recurring_manager(Some(rule.id))))
    }

    /// Deletes a rule after its question was answered yes.
    pub(super) fn delete_rule(&mut self, id: RecurringId) -> StoreResult<Option<Modal>> {
        self.store.delete_recurring(self.view.user.id, id)?;
        self.reload(None)?;
        self.set_status(
            Tone::Success,
            format!("Deleted recurring expense #{id}; what it posted stays"),
        );
        Ok(Some(self.recurring_manager(None)))
    }
}
