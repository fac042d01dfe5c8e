//! The quick-add (and edit) dialog: amount, category, date and note, and the rate of a
//! foreign amount when the ledger has none for its date.

use chrono::NaiveDate;
use tui_input::InputRequest;

use crate::domain::{
    Category, Currency, DecimalMark, Expense, ExpenseId, Rate, matching_categories, parse_date,
    parse_typed_expense_amount,
};

use super::text_field::TextField;
use super::words;

/// Fields in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Amount,
    /// Shown once saving found no rate for the amount's currency and date.
    Rate,
    Category,
    Date,
    Note,
}

impl Field {
    const ALL: [Field; 5] = [
        Field::Amount,
        Field::Rate,
        Field::Category,
        Field::Date,
        Field::Note,
    ];

    fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// What the form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    Add,
    Edit(Box<Expense>),
}

/// The dialog's state: its fields, the focus, and the category suggestions.
#[derive(Debug, Clone)]
pub struct ExpenseForm {
    pub purpose: FormPurpose,
    pub fields: [TextField; 5],
    pub focus: Field,
    /// Categories matching what is typed in the category field.
    pub suggestions: Vec<String>,
    /// The suggestion picked with ↓/↑, which Enter and Tab take; none until one is picked.
    pub highlighted: Option<usize>,
    /// Questions already answered yes for this form (a new category, an unusual date).
    pub agreed: Agreed,
    /// The currency an amount typed without a code is in: the user's when adding, the one
    /// it was spent in when editing.
    pub currency: Currency,
    /// The user's own currency, which a rate converts into.
    pub books_in: Currency,
    /// The decimal mark amounts and rates are typed with.
    pub mark: DecimalMark,
    /// The currency the rate field asks about, once saving found no rate for it.
    pub rate_for: Option<Currency>,
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
    /// The rate typed for a foreign amount, when the ledger had none.
    pub rate: Option<Rate>,
}

impl ExpenseForm {
    /// An empty quick-add form, dated today, for a user keeping their books in `books_in`.
    pub fn add(today: NaiveDate, books_in: Currency, mark: DecimalMark) -> ExpenseForm {
        let today = today.to_string();
        ExpenseForm::with_values(
            FormPurpose::Add,
            ["", "", &today, ""],
            books_in,
            books_in,
            mark,
        )
    }

    /// A form holding an expense's values; a converted expense's amount is shown, and
    /// edited, in the currency it was spent in.
    pub fn edit(expense: &Expense, mark: DecimalMark) -> ExpenseForm {
        let (currency, amount) = expense
            .foreign
            .map_or((expense.currency, expense.amount), |s| {
                (s.currency, s.amount)
            });
        let amount = currency.format_typed(amount, mark);
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
            expense.currency,
            mark,
        );
        // An imported row no rule categorised is edited for its category.
        if expense.category.is_none() {
            form.focus = Field::Category;
            form.field_mut(Field::Category).focus();
        }
        form
    }

    fn with_values(
        purpose: FormPurpose,
        values: [&str; 4],
        currency: Currency,
        books_in: Currency,
        mark: DecimalMark,
    ) -> ExpenseForm {
        let mut form = ExpenseForm {
            purpose,
            fields: [
                TextField::new("Amount", values[0]),
                TextField::new("Rate", ""),
                TextField::new("Category", values[1]),
                TextField::new("Date", values[2]),
                TextField::new("Note", values[3]),
            ],
            focus: Field::Amount,
            suggestions: Vec::new(),
            highlighted: None,
            agreed: Agreed::default(),
            currency,
            books_in,
            mark,
            rate_for: None,
            error: None,
        };
        form.fields[0].focus();
        form
    }

    /// The fields the dialog shows, in Tab order: the rate only while it is asked for.
    pub fn shown_fields(&self) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|field| *field != Field::Rate || self.asks_rate())
            .collect()
    }

    /// Whether the rate field is asked for: saving found no rate for the currency the
    /// amount is in now.
    pub fn asks_rate(&self) -> bool {
        self.rate_for.is_some() && self.rate_for == self.amount_currency().ok()
    }

    /// The currency to show before the amount's text: the one a number typed alone is
    /// in, so it is always in sight; none when the text names its own code.
    pub fn currency_before_amount(&self) -> Option<Currency> {
        split_code(self.field(Field::Amount).value().trim())
            .is_none()
            .then_some(self.currency)
    }

    /// Asks for the rate of `currency` on `date`: the rate field appears, with why, and
    /// takes the focus.
    pub fn ask_rate(&mut self, currency: Currency, date: NaiveDate) {
        // A rate typed for another currency is no rate of this one.
        if self.rate_for != Some(currency) {
            *self.field_mut(Field::Rate) = TextField::new("Rate", "");
        }
        self.rate_for = Some(currency);
        let books_in = self.books_in;
        let rate = self.field_mut(Field::Rate);
        rate.error = Some(format!(
            "no {currency} rate on or before {date}: type how many {books_in} 1 {currency} is; \
             it is kept as the rate of {date}"
        ));
        self.focus = Field::Rate;
        self.field_mut(Field::Rate).focus();
        self.suggestions.clear();
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
        self.move_focus(self.shown_fields().len() - 1, categories);
    }

    fn move_focus(&mut self, step: usize, categories: &[Category]) {
        let order = self.shown_fields();
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        self.focus = order[(at + step) % order.len()];
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
        let rate = self.typed_rate();
        let date = parse_date(self.field(Field::Date).value(), today);
        let category = self.field(Field::Category).value().trim().to_string();
        let note = self.field(Field::Note).value().to_string();
        let mut valid = true;
        if let Err(error) = &amount {
            self.field_mut(Field::Amount).error = Some(error.clone());
            valid = false;
        }
        if let Err(error) = &rate {
            self.field_mut(Field::Rate).error = Some(error.clone());
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
            rate: rate.ok()?,
        })
    }

    /// The rate typed, while it is asked for.
    fn typed_rate(&self) -> Result<Option<Rate>, String> {
        if !self.asks_rate() {
            return Ok(None);
        }
        let typed = self.field(Field::Rate).value();
        let Some(currency) = self.rate_for else {
            return Ok(None);
        };
        if typed.trim().is_empty() {
            return Err(format!(
                "rate is empty; type how many {} 1 {currency} is",
                self.books_in
            ));
        }
        Rate::parse_typed(typed, self.mark)
            .map(Some)
            .map_err(|e| e.to_string())
    }

    /// The amount typed, in the form's currency or, when adding, one named beside it:
    /// `USD 80` or `80 usd`. An edited expense keeps its currency.
    fn amount_and_currency(&self) -> Result<(rust_decimal::Decimal, Currency), String> {
        // An amount filled in and left alone is the expense's own: it is not read back from
        // its text, which may read two ways (1.500 dinars is also 1500).
        if let FormPurpose::Edit(expense) = &self.purpose
            && self.field(Field::Amount).prefilled
        {
            let spent = expense.foreign.map_or(expense.amount, |s| s.amount);
            return Ok((spent, self.currency));
        }
        let typed = self.field(Field::Amount).value().trim();
        let currency = self.amount_currency()?;
        if currency != self.currency && matches!(self.purpose, FormPurpose::Edit(_)) {
            return Err(format!(
                "this expense is in {0}; type its amount in {0}, or delete it (d) and add it anew (a) in {currency}",
                self.currency
            ));
        }
        let text = split_code(typed).map_or(typed, |(_, rest)| rest);
        let amount = parse_typed_expense_amount(text, currency, self.mark)
            .map_err(|e| words::amount_error(&e, true))?;
        Ok((amount, currency))
    }

    /// The currency the amount is in: the code typed beside it, else the form's.
    fn amount_currency(&self) -> Result<Currency, String> {
        match split_code(self.field(Field::Amount).value().trim()) {
            Some((code, _)) => Currency::parse(code).map_err(|e| e.to_string()),
            None => Ok(self.currency),
        }
    }

    /// Focuses the first field holding an error.
    pub fn focus_first_error(&mut self) {
        if let Some(field) = self
            .shown_fields()
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

/// A three-letter code before or after the amount (`USD 80`, `80 usd`), and the rest.
fn split_code(typed: &str) -> Option<(&str, &str)> {
    let is_code = |code: &str| code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic());
    typed
        .split_once(' ')
        .filter(|(code, _)| is_code(code))
        .or_else(|| {
            typed
                .rsplit_once(' ')
                .filter(|(_, code)| is_code(code))
                .map(|(rest, code)| (code, rest))
        })
}
