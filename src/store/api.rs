//! The rows and outcomes the ledger interface takes and returns, the same on every engine.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{
    Alert, BudgetId, Category, CategoryId, Currency, Expense, ExpenseId, Month, NewExpense, Spent,
    TokenId, User, UserId,
};

/// Which expenses to read in bulk, oldest id first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExpenseFilter {
    /// One user's, or everyone's when `None`.
    pub user: Option<UserId>,
    /// Dates from this day on.
    pub from: Option<NaiveDate>,
    /// Dates up to and including this day.
    pub to: Option<NaiveDate>,
    /// Text the note or category must contain, as the app's list filter matches it.
    pub search: Option<String>,
}

/// One expense as a bulk read hands it out: borrowed from the database row, so reading a
/// row allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpenseRow<'r> {
    pub id: ExpenseId,
    pub user_id: UserId,
    pub category_id: Option<super::CategoryId>,
    /// The category's name, or `None` when the category was deleted.
    pub category: Option<&'r str>,
    /// The amount in the currency's minor units, as stored.
    pub minor: i64,
    pub currency: Currency,
    pub date: NaiveDate,
    pub note: Option<&'r str>,
    /// What was spent in another currency, and the rate `minor` was converted at.
    pub foreign: Option<Spent>,
}

impl ExpenseRow<'_> {
    /// The row as an owned `Expense`.
    pub fn to_expense(&self) -> Expense {
        Expense {
            foreign: self.foreign,
            id: self.id,
            user_id: self.user_id,
            category_id: self.category_id,
            category: self.category.map(str::to_string),
            amount: self.currency.from_minor(self.minor),
            currency: self.currency,
            date: self.date,
            note: self.note.map(str::to_string),
        }
    }
}

/// The order of a selection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ExpenseOrder {
    /// Newest date first, then the newest recorded.
    #[default]
    NewestFirst,
    /// Largest amount first (by face value across currencies), then newest.
    LargestFirst,
}

/// Which of a user's expenses to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpenseSelection<'a> {
    pub user: UserId,
    /// Dates from this day on.
    pub from: Option<NaiveDate>,
    /// Dates up to and including this day.
    pub to: Option<NaiveDate>,
    pub category: Option<CategoryId>,
    /// Text the note or the category name must contain, in any case (Unicode case
    /// folding, so `ÄRZTE` finds `Ärzte`); empty finds everything.
    pub search: &'a str,
    pub order: ExpenseOrder,
    /// Newest first only: start after the row with this date and id, the last one of the
    /// page before. A page then costs its own rows however deep it is.
    pub after: Option<(NaiveDate, ExpenseId)>,
    /// At most this many.
    pub limit: Option<usize>,
}

impl ExpenseSelection<'_> {
    /// All of a user's expenses, newest first.
    pub fn all(user: UserId) -> ExpenseSelection<'static> {
        ExpenseSelection {
            user,
            from: None,
            to: None,
            category: None,
            search: "",
            order: ExpenseOrder::NewestFirst,
            after: None,
            limit: None,
        }
    }
}

/// What a bulk insert did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkOutcome {
    pub inserted: usize,
    /// Alerts fired, exactly as if the rows had been added one by one in order.
    pub alerts: Vec<Alert>,
    /// Categories created on the way (import with `create_missing`).
    pub created_categories: Vec<String>,
}

/// An expense whose category is known by name, as in a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedExpense {
    pub category: String,
    /// The expense; its `category_id` is set from `category` on insert.
    pub expense: NewExpense,
}

/// One monthly budget to set, as `set_budget` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewBudget {
    pub user_id: UserId,
    pub category_id: CategoryId,
    pub month: Month,
    pub amount: Decimal,
}

/// How much of the ledger, all users together, is filed under a category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CategoryUsage {
    pub expenses: u64,
    pub budgets: u64,
}

/// What merging one category into another did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeOutcome {
    /// Expenses moved into the kept category.
    pub expenses: usize,
    /// Budgets moved over as they were.
    pub budgets_moved: usize,
    /// Budgets added to one the kept category had for the same user and month.
    pub budgets_combined: usize,
    /// Alerts the changed totals and budgets fired.
    pub alerts: Vec<Alert>,
}

/// A standing budget as stored: the category's budget from `from` on, until a later one;
/// `amount` is `None` where it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandingBudget {
    pub user_id: UserId,
    pub category_id: CategoryId,
    pub from: Month,
    pub amount: Option<Decimal>,
    pub rollover: bool,
    pub carry_overspending: bool,
}

/// A budget row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBudget {
    pub id: BudgetId,
    pub user_id: UserId,
    pub year: i32,
    pub month: u32,
    /// Minor units of the user's currency.
    pub minor: i64,
    /// Made from the standing budget, rather than set for the month alone.
    pub standing: bool,
    /// What is left of the month carries into the next.
    pub rollover: bool,
    /// With rollover, an overspend carries into the next month as a debt.
    pub carry_overspending: bool,
}

/// What deleting a category took away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedCategory {
    pub category: Category,
    pub budgets: Vec<StoredBudget>,
    /// Its standing budgets (of every user), as stored.
    pub standing: Vec<StandingBudget>,
    /// Expenses (of every user) that were in the category and now have none.
    pub expenses: Vec<ExpenseId>,
    /// Recurring expenses (of every user) that posted into it, deleted with it.
    pub recurring: Vec<crate::domain::Recurring>,
}

/// What deleting a user did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDeleted {
    /// The user's expenses deleted with them.
    pub expenses: u64,
    /// The user now chosen when `--user` is absent, if the deleted one was.
    pub new_default: Option<User>,
}

/// The user a new database is created with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUserDefaults {
    pub name: String,
    pub email: String,
    pub currency: Currency,
}

impl Default for NewUserDefaults {
    fn default() -> Self {
        NewUserDefaults {
            name: "Me".into(),
            email: "me@localhost".into(),
            currency: Currency::INR,
        }
    }
}

impl NewUserDefaults {
    /// The starting user of a login: `LOGIN@localhost`, named `real_name` when it is a
    /// usable name (1 to 150 characters), else after the login. `None` for a login that
    /// cannot make an email address (empty, or with spaces or control characters).
    pub fn for_login(
        login: &str,
        real_name: Option<&str>,
        currency: Currency,
    ) -> Option<NewUserDefaults> {
        let login = login.trim();
        if login.is_empty() || login.contains(|c: char| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let name = real_name
            .map(str::trim)
            .filter(|n| (1..=150).contains(&n.chars().count()) && !n.contains(char::is_control))
            .unwrap_or(login);
        Some(NewUserDefaults {
            name: name.to_string(),
            email: format!("{login}@localhost"),
            currency,
        })
    }
}

/// A bearer token of the server as stored: its secret only as a SHA-256 hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredToken {
    pub id: TokenId,
    pub user_id: UserId,
    /// A label to tell tokens apart (`phone`, `home-assistant`); may be empty.
    pub name: String,
    /// Acts for every user, not only its own.
    pub admin: bool,
    /// When it was made, UTC, RFC 3339.
    pub created_at: String,
    pub secret_hash: [u8; 32],
}

/// A token to store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewToken<'a> {
    pub user_id: UserId,
    pub name: &'a str,
    pub admin: bool,
    pub secret_hash: [u8; 32],
}

/// What `spend sample` loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleSummary {
    pub users: usize,
    pub budgets: usize,
    pub expenses: usize,
    pub alerts: usize,
}

/// Whether the note or category contains `needle` (already lower-cased).
pub(crate) fn finds(expense: &Expense, needle: &str) -> bool {
    [expense.note.as_deref(), expense.category.as_deref()]
        .into_iter()
        .flatten()
        .any(|text| text.to_lowercase().contains(needle))
}

/// An expense read from a bank statement, with the fingerprint that makes importing it
/// again harmless.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementExpense {
    /// The expense; its `category_id` is set from `category` on insert.
    pub expense: NewExpense,
    /// The category by name; `None` imports the row uncategorised, counted toward no budget.
    pub category: Option<String>,
    pub fingerprint: String,
}

/// What importing a statement did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatementOutcome {
    pub inserted: usize,
    /// The rows, by index, already imported before (or twice in this batch), left out.
    pub duplicates: Vec<usize>,
    /// Alerts fired, exactly as if the new rows had been added one by one in order.
    pub alerts: Vec<Alert>,
    /// Categories created on the way (with `create_missing`).
    pub created_categories: Vec<String>,
}

/// A rule that categorises imported rows: the first whose pattern matches wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryRule {
    pub id: i64,
    /// A case-insensitive substring, or a regex after `re:`.
    pub pattern: String,
    pub category_id: CategoryId,
    pub category: String,
}

/// A recurring expense to store, in its user's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecurring {
    pub user_id: UserId,
    pub category_id: CategoryId,
    pub amount: Decimal,
    pub schedule: crate::domain::Schedule,
    pub note: Option<String>,
}

/// What catching up did: the expenses posted, oldest rule first, and the alerts they fired.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatchUp {
    pub posted: Vec<Expense>,
    pub alerts: Vec<Alert>,
}

impl CatchUp {
    /// Whether nothing was posted.
    pub fn is_empty(&self) -> bool {
        self.posted.is_empty() && self.alerts.is_empty()
    }
}
