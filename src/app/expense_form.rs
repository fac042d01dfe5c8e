//! The quick-add (and edit) dialog: amount, category, date and note.

use chrono::NaiveDate;
use tui_input::InputRequest;

use crate::domain::{
    Category, Currency, Expense, ExpenseId, matching_categories, parse_date, parse_expense_amount,
};

use super::text_field::TextField;

/// Fields in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Amount,
    Category,
    Date,
    Note,
}

impl Field {
    const ORDER: [Field; 4] = [Field::Amount, Field::Category, Field::Date, Field::Note];

    fn index(self) -> usize {
        Field::ORDER.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// What the form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    Add,
    Edit(Box<Expense>),
}

/// The dialog's state: four fields, the focus, and the category suggestions.
#[derive(Debug, Clone)]
pub struct ExpenseForm {
    pub purpose: FormPurpose,
    pub fields: [TextField; 4],
    pub focus: Field,
    /// Categories matching what is typed in the category field.
    pub suggestions: Vec<String>,
    /// The suggestion picked with ↓/↑, which Enter and Tab take; none until one is picked.
    pub highlighted: Option<usize>,
    /// Questions already answered yes for this form (a new category, an unusual date).
    pub agreed: Agreed,
    /// The currency amounts are parsed in.
    pub currency: Currency,
    /// An error that belongs to no single field (a database error).
    pub error: Option<String>,
}

/// What the user already said yes to while saving this form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Agreed {
    /// Create the category typed although it looks like a slip for an existing one.
    pub new_category: bool,
    /// Keep a date before 1970 or more than a year ahead.
    pub unusual_date: bool,
}

/// A form that passed validation, ready for the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidForm {
    /// In `currency`: the user's, or the one typed with the amount (`USD 80`).
    pub amount: rust_decimal::Decimal,
    pub currency: Currency,
    /// The category as typed or completed; may be new.
    pub category: String,
    pub date: NaiveDate,
    pub note: Option<String>,
}

impl ExpenseForm {
    /// An empty quick-add form, dated today, with an optional preselected category.
    pub fn add(today: NaiveDate, currency: Currency) -> ExpenseForm {
        ExpenseForm::with_values(FormPurpose::Add, ["", "", &today.to_string(), ""], currency)
    }

    /// A form holding an expense's values; a converted expense's amount is shown, and
    /// edited, in the currency it was spent in.
    pub fn edit(expense: &Expense) -> ExpenseForm {
        let (currency, amount) = expense
            .foreign
            .map_or((expense.currency, expense.amount), |s| {
                (s.currency, s.amount)
            });
        let amount = currency.format_plain(amount);
        let date = expense.date.to_string();
        let values = [
            amount.as_str(),
            expense.category.as_deref().unwrap_or(""),
            date.as_str(),
            expense.note.as_deref().unwrap_or(""),
        ];
        let mut form = ExpenseForm::with_values(
            FormPurpose::Edit(Box::new(expense.clone())),
            values,
            currency,
        );
        // An imported row no rule categorised is edited for its category.
        if expense.category.is_none() {
            form.focus = Field::Category;
            form.field_mut(Field::Category).focus();
        }
        form
    }

    fn with_values(purpose: FormPurpose, values: [&str; 4], currency: Currency) -> ExpenseForm {
        let mut form = ExpenseForm {
            purpose,
            fields: [
                TextField::new("Amount", values[0]),
                TextField::new("Category", values[1]),
                TextField::new("Date", values[2]),
                TextField::new("Note", values[3]),
            ],
            focus: Field::Amount,
            suggestions: Vec::new(),
            highlighted: None,
            agreed: Agreed::default(),
            currency,
            error: None,
        };
        form.fields[0].focus();
        form
    }

    /// The id of the expense being edited, if any.
    pub fn editing(&self) -> Option<ExpenseId> {
        match &self.purpose {
            FormPurpose::Edit(expense) => Some(expense.id),
            FormPurpose::Add => None,
        }
    }

    pub fn field(&self, field: Field) -> &TextField {
        &self.fields[field.index()]
    }

    fn field_mut(&mut self, field: Field) -> &mut TextField {
        &mut self.fields[field.index()]
    }

    pub fn edit_text(&mut self, request: InputRequest, categories: &[Category]) {
        self.field_mut(self.focus).edit(request);
        self.after_edit(categories);
    }

    pub fn paste(&mut self, text: &str, categories: &[Category]) {
        self.field_mut(self.focus).paste(text);
        self.after_edit(categories);
    }

    fn after_edit(&mut self, categories: &[Category]) {
        self.error = None;
        self.agreed = Agreed::default();
        if self.focus == Field::Category {
            self.suggest(categories);
        }
    }

    /// Refreshes the suggestions from what the category field holds.
    pub fn suggest(&mut self, categories: &[Category]) {
        let typed = self.field(Field::Category).value();
        self.suggestions = matching_categories(typed, categories.iter().map(|c| c.name.as_str()))
            .into_iter()
            .map(str::to_string)
            .collect();
        self.highlighted = None;
    }

    /// Whether the category field holds a name no category has (it would be created).
    pub fn category_is_new(&self, categories: &[Category]) -> bool {
        let typed = self.field(Field::Category).value().trim();
        !typed.is_empty()
            && !categories
                .iter()
                .any(|c| c.name.to_lowercase() == typed.to_lowercase())
    }

    /// Moves the highlighted suggestion; the first press picks the first one.
    pub fn highlight(&mut self, down: bool) {
        let count = self.suggestions.len();
        if count == 0 {
            return;
        }
        self.highlighted = Some(match (self.highlighted, down) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(at), true) => (at + 1) % count,
            (Some(at), false) => (at + count - 1) % count,
        });
    }

    /// Tab: in the category field, first take the highlighted (or only the first)
    /// suggestion if the text is not already a category; otherwise move on.
    pub fn next_field(&mut self, categories: &[Category]) {
        if self.focus == Field::Category && self.accept_suggestion(categories) {
            return;
        }
        self.move_focus(1, categories);
    }

    /// Enter on the category field with a suggestion picked takes that suggestion.
    pub fn take_picked_suggestion(&mut self) {
        if self.focus != Field::Category {
            return;
        }
        if let Some(choice) = self.highlighted.and_then(|at| self.suggestions.get(at)) {
            let choice = choice.clone();
            self.field_mut(Field::Category).set(&choice);
            self.suggestions = vec![choice];
            self.highlighted = Some(0);
        }
    }

    pub fn previous_field(&mut self, categories: &[Category]) {
        self.move_focus(Field::ORDER.len() - 1, categories);
    }

    fn move_focus(&mut self, step: usize, categories: &[Category]) {
        let next = (self.focus.index() + step) % Field::ORDER.len();
        self.focus = Field::ORDER[next];
        self.field_mut(self.focus).focus();
        if self.focus == Field::Category {
            self.suggest(categories);
        } else {
            self.suggestions.clear();
        }
    }

    /// Completes the category field; true if the text changed.
    fn accept_suggestion(&mut self, categories: &[Category]) -> bool {
        let typed = self.field(Field::Category).value().trim().to_string();
        let exact = categories.iter().any(|c| c.name == typed);
        match self.suggestions.get(self.highlighted.unwrap_or(0)) {
            Some(choice) if !exact && *choice != typed => {
                let choice = choice.clone();
                self.field_mut(Field::Category).set(&choice);
                self.suggestions = vec![choice];
                self.highlighted = Some(0);
                true
            }
            _ => false,
        }
    }

    /// Checks every field, leaving an error under each bad one. The category may be new.
    pub fn validate(&mut self, today: NaiveDate) -> Option<ValidForm> {
        let amount = self.amount_and_currency();
        let date = parse_date(self.field(Field::Date).value(), today);
        let category = self.field(Field::Category).value().trim().to_string();
        let note = self.field(Field::Note).value().to_string();
        let mut valid = true;
        if let Err(error) = &amount {
            self.field_mut(Field::Amount).error = Some(error.clone());
            valid = false;
        }
        if let Err(error) = &date {
            self.field_mut(Field::Date).error = Some(error.to_string());
            valid = false;
        }
        if category.is_empty() {
            self.field_mut(Field::Category).error =
                Some("category is empty; type one or pick from the list".into());
            valid = false;
        }
        if !valid {
            return None;
        }
        let (amount, currency) = amount.ok()?;
        Some(ValidForm {
            amount,
            currency,
            category,
            date: date.ok()?,
            note: Some(note).filter(|n| !n.trim().is_empty()),
        })
    }

    /// The amount typed, in the form's currency or, when adding, one named beside it:
    /// `USD 80` or `80 usd`. An edited expense keeps its currency.
    fn amount_and_currency(&self) -> Result<(rust_decimal::Decimal, Currency), String> {
        let typed = self.field(Field::Amount).value().trim();
        let named = typed
            .split_once(' ')
            .filter(|(code, _)| code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()))
            .or_else(|| {
                typed
                    .rsplit_once(' ')
                    .filter(|(_, code)| {
                        code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic())
                    })
                    .map(|(rest, code)| (code, rest))
            });
        let (currency, text) = match named {
            Some((code, rest)) => {
                let currency = Currency::parse(code).map_err(|e| e.to_string())?;
                if currency != self.currency && matches!(self.purpose, FormPurpose::Edit(_)) {
                    return Err(format!(
                        "this expense is in {}; its currency cannot change",
                        self.currency
                    ));
                }
                (currency, rest)
            }
            None => (self.currency, typed),
        };
        let amount = parse_expense_amount(text, currency).map_err(|e| e.to_string())?;
        Ok((amount, currency))
    }

    /// Focuses the first field holding an error.
    pub fn focus_first_error(&mut self) {
        if let Some(field) = Field::ORDER
            .into_iter()
            .find(|f| self.field(*f).error.is_some())
        {
            self.focus = field;
        }
    }

    /// Shows a store error under the field it concerns, or under the dialog.
    pub fn show_error(&mut self, message: String, field: Option<Field>) {
        match field {
            Some(field) => {
                self.field_mut(field).error = Some(message);
                self.focus = field;
            }
            None => self.error = Some(message),
        }
    }
}
