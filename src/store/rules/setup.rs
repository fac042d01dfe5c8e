//! What a new ledger starts with, and the reference design's sample data, on any engine.

use serde::Deserialize;

use crate::domain::{
    Category, Currency, Month, NewExpense, UserId, counted, parse_amount, parse_date,
};
use crate::store::{NewUserDefaults, SampleSummary, StoreError, StoreResult};

use super::{
    LedgerTx, StandingTx, add_category, add_expense, add_user, set_budget, set_default_user,
};

const CATEGORIES_CSV: &str = include_str!("../../../assets/sample/categories.csv");
const USERS_CSV: &str = include_str!("../../../assets/sample/users.csv");
const BUDGETS_CSV: &str = include_str!("../../../assets/sample/budgets.csv");
const EXPENSES_CSV: &str = include_str!("../../../assets/sample/expenses.csv");

/// Settings key marking a ledger that got its starting data, so it is added once.
const INITIALIZED_KEY: &str = "initialized";
/// Settings key naming the user created with the ledger, which the sample may replace.
const PLACEHOLDER_KEY: &str = "placeholder_user";

#[derive(Deserialize)]
struct CategoryRow {
    name: String,
    description: Option<String>,
}

#[derive(Deserialize)]
struct UserRow {
    name: String,
    email: String,
    currency: String,
}

#[derive(Deserialize)]
struct BudgetRow {
    user_id: usize,
    category_id: usize,
    month: String,
    amount: String,
}

#[derive(Deserialize)]
struct ExpenseRow {
    user_id: usize,
    category: String,
    amount: String,
    date: String,
    note: Option<String>,
}

fn rows<T: for<'de> Deserialize<'de>>(csv_text: &str) -> StoreResult<Vec<T>> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()
        .map_err(|e| StoreError::InvalidInput(format!("bundled sample data is unreadable: {e}")))
}

/// Whether the ledger already got its starting data.
pub(crate) fn initialized(tx: &impl LedgerTx) -> StoreResult<bool> {
    Ok(tx.setting(INITIALIZED_KEY)?.is_some())
}

/// Gives a ledger its five starting categories and one user, once.
pub(crate) fn ensure_defaults(tx: &impl LedgerTx, defaults: &NewUserDefaults) -> StoreResult<()> {
    if initialized(tx)? {
        return Ok(());
    }
    for row in rows::<CategoryRow>(CATEGORIES_CSV)? {
        add_category(tx, &row.name, row.description.as_deref())?;
    }
    let user = add_user(tx, &defaults.name, &defaults.email, defaults.currency)?;
    set_default_user(tx, user.id)?;
    tx.set_setting(PLACEHOLDER_KEY, &user.id.0.to_string())?;
    tx.set_setting(INITIALIZED_KEY, "1")
}

/// Loads the reference design's sample (two users, May 2025 budgets, five expenses)
/// through the normal insert path. Refused on a ledger that already has expenses.
pub(crate) fn load_sample(tx: &impl StandingTx) -> StoreResult<SampleSummary> {
    let expenses = tx.expense_count()?;
    if expenses > 0 {
        let count = counted(expenses, "expense", "expenses");
        return Err(StoreError::InvalidInput(format!(
            "the database already has {count}; load the sample into a new one, e.g. `spend --db sample.db sample`"
        )));
    }
    remove_unused_placeholder(tx)?;
    let categories = sample_categories(tx)?;
    let users = sample_users(tx)?;
    let pick = |list: &[UserId], index: usize| {
        list.get(index.wrapping_sub(1)).copied().ok_or_else(|| {
            StoreError::InvalidInput(format!("sample refers to missing row {index}"))
        })
    };
    let mut summary = SampleSummary {
        users: users.len(),
        budgets: 0,
        expenses: 0,
        alerts: 0,
    };
    for row in rows::<BudgetRow>(BUDGETS_CSV)? {
        let user = tx.user(pick(&users, row.user_id)?)?;
        let category = categories
            .get(row.category_id.wrapping_sub(1))
            .ok_or_else(|| {
                StoreError::InvalidInput(format!(
                    "sample refers to missing category {}",
                    row.category_id
                ))
            })?;
        let amount = parse_amount(&row.amount, user.currency)?;
        let month = Month::parse(&row.month)?;
        summary.alerts += set_budget(tx, user.id, category.id, month, amount)?.len();
        summary.budgets += 1;
    }
    for row in rows::<ExpenseRow>(EXPENSES_CSV)? {
        let user = tx.user(pick(&users, row.user_id)?)?;
        let new = NewExpense {
            rate: None,
            user_id: user.id,
            category_id: tx.find_category(&row.category)?.id,
            amount: parse_amount(&row.amount, user.currency)?,
            currency: user.currency,
            date: parse_date(&row.date, chrono::NaiveDate::MIN)?,
            note: row.note,
        };
        summary.alerts += add_expense(tx, &new)?.alerts.len();
        summary.expenses += 1;
    }
    if let Some(first) = users.first() {
        set_default_user(tx, *first)?;
    }
    Ok(summary)
}

/// The sample's categories, in file order, found by name or created.
fn sample_categories(tx: &impl LedgerTx) -> StoreResult<Vec<Category>> {
    rows::<CategoryRow>(CATEGORIES_CSV)?
        .into_iter()
        .map(|row| match tx.find_category(&row.name) {
            Ok(found) => Ok(found),
            Err(StoreError::UnknownCategory { .. }) => {
                add_category(tx, &row.name, row.description.as_deref())
            }
            Err(other) => Err(other),
        })
        .collect()
}

/// The sample's users, in file order, found by email or created.
fn sample_users(tx: &impl LedgerTx) -> StoreResult<Vec<UserId>> {
    rows::<UserRow>(USERS_CSV)?
        .into_iter()
        .map(|row| {
            if let Some(user) = tx.user_by_email(&row.email)? {
                return Ok(user.id);
            }
            let currency = Currency::parse(&row.currency)
                .map_err(|e| StoreError::InvalidInput(e.to_string()))?;
            Ok(add_user(tx, &row.name, &row.email, currency)?.id)
        })
        .collect()
}

/// Drops the user a new ledger was created with if nothing was recorded for it, so the
/// sample's users keep the reference design's ids.
fn remove_unused_placeholder(tx: &impl LedgerTx) -> StoreResult<()> {
    let placeholder = tx.setting(PLACEHOLDER_KEY)?;
    if let Some(id) = placeholder.and_then(|v| v.parse::<i64>().ok()) {
        tx.delete_user_if_unused(UserId(id))?;
    }
    tx.delete_setting(PLACEHOLDER_KEY)
}
