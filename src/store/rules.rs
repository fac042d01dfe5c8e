//! The ledger's write rules, written once over what a backend provides inside one writing
//! transaction: the budget check, adding, editing and deleting an expense, undo's swaps,
//! budgets and categories. A backend supplies rows ([`LedgerTx`]); the rules decide.

pub(crate) mod budget_book;
mod budget_check;
pub(crate) mod bulk;
mod categories;
mod expenses;
mod fx;
mod maintenance;
mod recurring;
mod setup;
pub(crate) mod standing;
pub(crate) mod statement;
mod tokens;
mod undo;
mod users;

use crate::domain::{
    Alert, AlertId, Category, CategoryId, Currency, ExchangeRate, Expense, ExpenseId, Month, User,
    UserId,
};

use super::StoreResult;

pub(crate) use budget_book::{
    BudgetHistory, CategoryBook, CategoryPlan, PlanRow, budgets_for_month, fill_in_effect,
    plans_from, users_behind,
};
pub(crate) use budget_check::{
    Bucket, BucketTotals, Figures, fire_if_crossed, record_crossings, watched_months,
};
pub(crate) use categories::{add_category, checked_category_name};
pub use expenses::{AddedByName, ExpenseByName, MAX_NOTE_BYTES};
pub(crate) use expenses::{
    add_expense, add_expense_by_name, add_expenses_each, check_date, clean_note, delete_expense,
    edit_expense, refuse_nul,
};
pub(crate) use fx::{counted_amount, set_rates};
pub(crate) use maintenance::{
    MaintenanceTx, delete_unused_category, delete_user, merge_categories, remove_category,
    rename_category, rename_user, restore_category,
};
pub(crate) use recurring::{
    RecurringColumns, RecurringTx, add_recurring, catch_up, delete_recurring, load_recurring,
};
pub(crate) use setup::{ensure_defaults, initialized, load_sample};
pub use standing::{BudgetChange, BudgetRemoval, BudgetRemoved, BudgetSpan, BudgetSwap};
pub(crate) use standing::{
    StandingTx, change_budget, open_through, record_plan, remove_budget, set_budget, swap_budget,
};
pub(crate) use statement::{checked_pattern, checked_profile_name};
pub(crate) use tokens::checked_token_name;
pub use undo::ExpenseSwap;
pub(crate) use undo::swap_expense;
pub(crate) use users::{
    DEFAULT_USER_KEY, add_user, checked_email, checked_user_name, set_default_user,
};

/// What the rules read and write inside one transaction. Amounts cross in minor units of
/// the row's own currency. Methods take `&self`: a backend whose connection needs `&mut`
/// keeps it in a cell.
pub(crate) trait LedgerTx: budget_book::BudgetHistory {
    /// The user with this id.
    fn user(&self, id: UserId) -> StoreResult<User>;
    /// The name of the category with this id.
    fn category_name(&self, id: CategoryId) -> StoreResult<String>;
    /// The category with this name, matched case-insensitively; `UnknownCategory` lists the
    /// known ones.
    fn find_category(&self, name: &str) -> StoreResult<Category>;
    /// Stores a category (validated by the rules), under `id` when one is given.
    fn insert_category(
        &self,
        name: &str,
        description: Option<&str>,
        id: Option<CategoryId>,
    ) -> StoreResult<Category>;
    /// Whether a category has this id.
    fn category_exists(&self, id: CategoryId) -> StoreResult<bool>;
    /// Deletes a category that no expense and no budget uses; leaves a used one.
    fn delete_category_if_unused(&self, id: CategoryId) -> StoreResult<()>;

    /// One of `user`'s expenses; another user's is `NoSuchExpense`.
    fn expense(&self, user: UserId, id: ExpenseId) -> StoreResult<Expense>;
    /// Whether any user's expense has this id.
    fn expense_id_taken(&self, id: ExpenseId) -> StoreResult<bool>;
    /// Stores a new row (`row.id` is used when `keep_id`); returns its id.
    fn insert_expense(&self, row: &Expense, minor: i64, keep_id: bool) -> StoreResult<ExpenseId>;
    /// Rewrites a stored row's category, amount, date and note.
    fn update_expense(&self, row: &Expense, minor: i64) -> StoreResult<()>;
    /// Deletes a stored row, found by its owner and id.
    fn delete_expense(&self, row: &Expense) -> StoreResult<()>;

    /// Holds a bucket against other writers until commit, on a backend with several writers
    /// at once, so that two writers of one bucket check one after the other.
    fn hold_bucket(&self, user: &User, bucket: Bucket) -> StoreResult<()>;
    /// Makes, in every month from `first` to `last`, the budget rows its standing budgets
    /// call for that are missing; a row already there stays as it is, so opening a month
    /// twice, or in two processes at once, makes each row once.
    fn open_months(&self, user: &User, first: Month, last: Month) -> StoreResult<()>;
    /// Stores a fired alert with its spent and budget in minor units, tied to the bucket's
    /// stored budget row if the month has one; returns it with its id and the time it fired.
    fn insert_alert(&self, bucket: Bucket, figures: (i64, i64), alert: Alert)
    -> StoreResult<Alert>;
    /// Withdraws some of `user`'s alerts.
    fn delete_alerts(&self, user: UserId, ids: &[AlertId]) -> StoreResult<()>;

    /// The user with this email, matched without regard to case.
    fn user_by_email(&self, email: &str) -> StoreResult<Option<User>>;
    /// Stores a user (validated by the rules).
    fn insert_user(&self, name: &str, email: &str, currency: Currency) -> StoreResult<User>;
    /// Deletes a user nothing was recorded for (no expense, budget or alert); leaves one
    /// that has any.
    fn delete_user_if_unused(&self, id: UserId) -> StoreResult<()>;
    /// How many expenses the ledger holds, all users.
    fn expense_count(&self) -> StoreResult<i64>;
    /// A stored setting.
    fn setting(&self, key: &str) -> StoreResult<Option<String>>;
    /// Stores a setting, replacing its old value.
    fn set_setting(&self, key: &str, value: &str) -> StoreResult<()>;
    /// Forgets a setting.
    fn delete_setting(&self, key: &str) -> StoreResult<()>;
    /// The rate of `currency` in `base` on `date`, or else the latest earlier one.
    fn rate_on(
        &self,
        base: Currency,
        currency: Currency,
        date: chrono::NaiveDate,
    ) -> StoreResult<Option<ExchangeRate>>;
    /// Stores a rate, replacing the one of the same currencies and day.
    fn upsert_rate(&self, rate: &ExchangeRate) -> StoreResult<()>;
    /// Marks, keeps or undoes the part of the transaction since the mark.
    fn savepoint(&self, step: Savepoint) -> StoreResult<()>;
}

/// A step of one savepoint, spelled alike on both engines; savepoints do not nest here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Savepoint {
    /// Marks where the next write begins.
    Mark,
    /// Keeps what was written since the mark.
    Keep,
    /// Undoes what was written since the mark, and forgets the mark.
    Undo,
}

impl Savepoint {
    pub(crate) fn sql(self) -> &'static str {
        match self {
            Savepoint::Mark => "SAVEPOINT each_write",
            Savepoint::Keep => "RELEASE SAVEPOINT each_write",
            Savepoint::Undo => "ROLLBACK TO SAVEPOINT each_write; RELEASE SAVEPOINT each_write",
        }
    }
}
