//! What a new database starts with, and the reference design's sample data.

use rusqlite::{OptionalExtension, Transaction};
use serde::Deserialize;

use crate::domain::{Currency, Month, counted, parse_amount, parse_date};

use super::catalog::{add_user_in_tx, find_category_in, set_default_user_in_tx, set_setting_in_tx};
use super::{Category, NewExpense, SqliteStore, StoreError, StoreResult, User, UserId};
use super::{NewUserDefaults, SampleSummary};
use crate::store::rules::{add_category, add_expense, set_budget};

const CATEGORIES_CSV: &str = include_str!("../../../assets/sample/categories.csv");
const USERS_CSV: &str = include_str!("../../../assets/sample/users.csv");
const BUDGETS_CSV: &str = include_str!("../../../assets/sample/budgets.csv");
const EXPENSES_CSV: &str = include_str!("../../../assets/sample/expenses.csv");

/// Settings key marking a database that got its starting data, so it is added once.
const INITIALIZED_KEY: &str = "initialized";
/// Settings key naming the user created with the database, which the sample may replace.
const PLACEHOLDER_KEY: &str = "placeholder_user";

#[cfg(test)]
mod tests {
    use super::NewUserDefaults;
    use crate::domain::Currency;

    #[test]
    fn a_login_names_the_starting_user() {
        let inr = Currency::INR;
        let aman = NewUserDefaults::for_login("aman", Some("Aman Kumar"), inr).expect("a login");
        assert_eq!(
            (aman.name.as_str(), aman.email.as_str()),
            ("Aman Kumar", "aman@localhost")
        );
        let plain = NewUserDefaults::for_login(" aman ", Some("  "), inr).expect("a login");
        assert_eq!(plain.name, "aman", "an empty real name is no name");
        assert_eq!(
            NewUserDefaults::for_login("aman", None, inr).map(|d| d.name),
            Some("aman".into())
        );
        assert_eq!(NewUserDefaults::for_login("", Some("Nobody"), inr), None);
        assert_eq!(NewUserDefaults::for_login("two words", None, inr), None);
    }
}

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

impl SqliteStore {
    /// Gives a database its five starting categories and one user, once.
    pub(super) fn ensure_defaults(&mut self, defaults: &NewUserDefaults) -> StoreResult<()> {
        let initialized: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?1)",
            [INITIALIZED_KEY],
            |row| row.get(0),
        )?;
        if initialized {
            return Ok(());
        }
        self.write(|tx| {
            let again: Option<String> = tx
                .query_row(
                    "SELECT value FROM settings WHERE key = ?1",
                    [INITIALIZED_KEY],
                    |row| row.get(0),
                )
                .optional()?;
            if again.is_some() {
                return Ok(());
            }
            for row in rows::<CategoryRow>(CATEGORIES_CSV)? {
                add_category(tx, &row.name, row.description.as_deref())?;
            }
            let user = add_user_in_tx(tx, &defaults.name, &defaults.email, defaults.currency)?;
            set_default_user_in_tx(tx, user.id)?;
            set_setting_in_tx(tx, PLACEHOLDER_KEY, &user.id.0.to_string())?;
            set_setting_in_tx(tx, INITIALIZED_KEY, "1")
        })
    }

    /// Loads the reference design's sample (two users, May 2025 budgets, five expenses)
    /// through the normal insert path. Refused on a database that already has expenses.
    pub fn load_sample(&mut self) -> StoreResult<SampleSummary> {
        self.write(|tx| {
            let expenses: i64 = tx.query_row("SELECT count(*) FROM expenses", [], |row| row.get(0))?;
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
            let mut summary = SampleSummary { users: users.len(), budgets: 0, expenses: 0, alerts: 0 };
            for row in rows::<BudgetRow>(BUDGETS_CSV)? {
                let user = tx_user(tx, pick(&users, row.user_id)?)?;
                let category = categories
                    .get(row.category_id.wrapping_sub(1))
                    .ok_or_else(|| StoreError::InvalidInput(format!("sample refers to missing category {}", row.category_id)))?;
                let amount = parse_amount(&row.amount, user.currency)?;
                summary.alerts += set_budget(tx, user.id, category.id, Month::parse(&row.month)?, amount)?.len();
                summary.budgets += 1;
            }
            for row in rows::<ExpenseRow>(EXPENSES_CSV)? {
                let user = tx_user(tx, pick(&users, row.user_id)?)?;
                let new = NewExpense {
                    user_id: user.id,
                    category_id: find_category_in(tx, &row.category)?.id,
                    amount: parse_amount(&row.amount, user.currency)?,
                    currency: user.currency,
                    date: parse_date(&row.date, chrono::NaiveDate::MIN)?,
                    note: row.note,
                };
                summary.alerts += add_expense(tx, &new)?.alerts.len();
                summary.expenses += 1;
            }
            if let Some(first) = users.first() {
                set_default_user_in_tx(tx, *first)?;
            }
            Ok(summary)
        })
    }
}

fn tx_user(tx: &Transaction<'_>, id: UserId) -> StoreResult<User> {
    super::expenses::user_in(tx, id)
}

/// The sample's categories, in file order, found by name or created.
fn sample_categories(tx: &Transaction<'_>) -> StoreResult<Vec<Category>> {
    rows::<CategoryRow>(CATEGORIES_CSV)?
        .into_iter()
        .map(|row| match find_category_in(tx, &row.name) {
            Ok(found) => Ok(found),
            Err(StoreError::UnknownCategory { .. }) => {
                add_category(tx, &row.name, row.description.as_deref())
            }
            Err(other) => Err(other),
        })
        .collect()
}

/// The sample's users, in file order, found by email or created.
fn sample_users(tx: &Transaction<'_>) -> StoreResult<Vec<UserId>> {
    rows::<UserRow>(USERS_CSV)?
        .into_iter()
        .map(|row| {
            let existing: Option<UserId> = tx
                .query_row("SELECT id FROM users WHERE email = ?1", [&row.email], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(id) = existing {
                Ok(id)
            } else {
                let currency = Currency::parse(&row.currency)
                    .map_err(|e| StoreError::InvalidInput(e.to_string()))?;
                Ok(add_user_in_tx(tx, &row.name, &row.email, currency)?.id)
            }
        })
        .collect()
}

/// Drops the user a new database was created with if nothing was recorded for it, so the
/// sample's users keep the reference design's ids.
fn remove_unused_placeholder(tx: &Transaction<'_>) -> StoreResult<()> {
    let placeholder: Option<String> = tx
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [PLACEHOLDER_KEY],
            |row| row.get(0),
        )
        .optional()?;
    let Some(id) = placeholder.and_then(|v| v.parse::<i64>().ok()) else {
        return Ok(());
    };
    let used: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM budgets WHERE user_id = ?1)
             OR EXISTS (SELECT 1 FROM alerts WHERE user_id = ?1)",
        [id],
        |row| row.get(0),
    )?;
    if !used {
        tx.execute("DELETE FROM users WHERE id = ?1", [id])?;
    }
    tx.execute("DELETE FROM settings WHERE key = ?1", [PLACEHOLDER_KEY])?;
    Ok(())
}
