//! The ledger: one interface over two engines. A local `SQLite` file is the default; a
//! household shares one PostgreSQL database. The app, the command line and the server speak
//! to `Store` only and never see SQL or the engine behind it.

mod api;
mod copy;
mod error;
mod exports;
mod files;
mod list_query;
mod location;
mod postgres;
mod rules;
mod sqlite;

use std::borrow::Borrow;
use std::collections::HashSet;
use std::path::Path;

use rust_decimal::Decimal;

use crate::domain::{
    Alert, AlertId, BudgetPlan, BudgetStatus, Category, CategoryId, CategoryTotal, Currency,
    ExchangeRate, Expense, ExpenseId, ExpensePatch, Month, MonthRange, MonthTotal, NewExpense,
    Outcome, Recurring, RecurringId, Report, TokenId, User, UserId,
};

pub use api::{
    BulkOutcome, CatchUp, CategoryRule, CategoryUsage, ExpenseFilter, ExpenseOrder, ExpenseRow,
    ExpenseSelection, MergeOutcome, NamedExpense, NewBudget, NewRecurring, NewToken,
    NewUserDefaults, RemovedCategory, SampleSummary, StandingBudget, StatementExpense,
    StatementOutcome, StoredBudget, StoredToken, UserDeleted,
};
pub use copy::{CopySummary, ExpenseFeed, ExpenseSink, LedgerCatalog};
pub use error::StoreError;
pub use exports::{AlertRecord, BudgetRecord, ExportScope};
pub use files::IfExists;
pub(crate) use files::{check_destination, create_partial, publish};
pub use list_query::{HISTORY_LIST_LIMIT, ListCount, ListQuery, ListScope, MIN_SEARCH_CHARS};
pub use location::{Location, default_path};
pub use postgres::PgStore;
pub use rules::{
    AddedByName, BudgetChange, BudgetRemoval, BudgetRemoved, BudgetSpan, BudgetSwap, ExpenseByName,
    ExpenseSwap, MAX_NOTE_BYTES,
};
pub use sqlite::{SCHEMA_VERSION, SqliteStore};

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// The engine a ledger lives in.
enum Backend {
    Sqlite(SqliteStore),
    Postgres(Box<PgStore>),
}

/// A ledger, on whichever engine `--db` names.
pub struct Store {
    backend: Backend,
}

/// Calls the same method on whichever backend holds the ledger, one method at a time.
macro_rules! forward {
    () => {};
    (
        $(#[$meta:meta])*
        fn $name:ident(&self $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty;
        $($rest:tt)*
    ) => {
        $(#[$meta])*
        pub fn $name(&self $(, $arg: $ty)*) -> $ret {
            match &self.backend {
                Backend::Sqlite(store) => store.$name($($arg),*),
                Backend::Postgres(store) => store.$name($($arg),*),
            }
        }
        forward!($($rest)*);
    };
    (
        $(#[$meta:meta])*
        fn $name:ident(&mut self $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty;
        $($rest:tt)*
    ) => {
        $(#[$meta])*
        pub fn $name(&mut self $(, $arg: $ty)*) -> $ret {
            match &mut self.backend {
                Backend::Sqlite(store) => store.$name($($arg),*),
                Backend::Postgres(store) => store.$name($($arg),*),
            }
        }
        forward!($($rest)*);
    };
}

impl Store {
    /// Opens (or creates, with the default categories and one user) the ledger at a
    /// location: a file path, or a `postgres://` URL.
    pub fn open_location(location: &Location, defaults: &NewUserDefaults) -> StoreResult<Store> {
        match location {
            Location::File(path) => Store::open(path, defaults),
            Location::Postgres(url) => Ok(Store {
                backend: Backend::Postgres(Box::new(PgStore::open(url, defaults)?)),
            }),
        }
    }

    /// Opens (or creates) an `SQLite` ledger file.
    pub fn open(path: &Path, defaults: &NewUserDefaults) -> StoreResult<Store> {
        Ok(Store::from(SqliteStore::open(path, defaults)?))
    }

    /// A private `SQLite` ledger in memory, for tests.
    pub fn open_in_memory(defaults: &NewUserDefaults) -> StoreResult<Store> {
        Ok(Store::from(SqliteStore::open_in_memory(defaults)?))
    }

    /// The `SQLite` backend, when the ledger is a file: for tests and benchmarks that read
    /// its tables directly.
    pub fn sqlite(&self) -> Option<&SqliteStore> {
        match &self.backend {
            Backend::Sqlite(store) => Some(store),
            Backend::Postgres(_) => None,
        }
    }

    /// The `SQLite` connection of a file ledger, for tests and benchmarks.
    ///
    /// # Panics
    /// On a ledger that is not a `SQLite` file.
    pub fn connection(&self) -> &rusqlite::Connection {
        match &self.backend {
            Backend::Sqlite(store) => store.connection(),
            Backend::Postgres(_) => panic!("a PostgreSQL ledger has no SQLite connection"),
        }
    }

    forward! {
        /// A number that changes whenever another process commits, so a viewer knows to reload.
        fn data_version(&self) -> StoreResult<i64>;
        /// Starts a read-only transaction: every read until `end_snapshot` sees the ledger as
        /// it was here, whatever other connections commit meanwhile.
        fn begin_snapshot(&self) -> StoreResult<()>;
        /// Ends what `begin_snapshot` started.
        fn end_snapshot(&self) -> StoreResult<()>;
        /// Writes a consistent copy of the ledger to a file.
        fn backup_to(&self, dest: &Path, if_exists: IfExists) -> StoreResult<()>;

        /// A user's alerts, newest first: the unseen ones, or all with `include_seen`.
        fn alerts(&self, user: UserId, include_seen: bool) -> StoreResult<Vec<Alert>>;
        /// A user's newest alerts, seen or not, at most `limit` of them.
        fn recent_alerts(&self, user: UserId, limit: usize) -> StoreResult<Vec<Alert>>;
        /// How many of a user's alerts are unseen.
        fn unseen_alert_count(&self, user: UserId) -> StoreResult<u64>;
        /// Marks all of a user's alerts seen; returns how many changed.
        fn mark_alerts_seen(&mut self, user: UserId) -> StoreResult<usize>;
        /// Marks one of `user`'s alerts seen; `Ok(false)` if it was seen already.
        fn mark_alert_seen(&mut self, user: UserId, id: AlertId) -> StoreResult<bool>;

        /// Sets a category's budget for a month; a budget below spending alerts at once.
        fn set_budget(
            &mut self,
            user: UserId,
            category: CategoryId,
            month: Month,
            amount: Decimal,
        ) -> StoreResult<Vec<Alert>>;
        /// Sets a budget, standing (`BudgetSpan::From`) or for one month alone; months through
        /// `current` see a standing change at once. Returns the alerts it fires.
        fn change_budget(&mut self, change: &BudgetChange, current: Month) -> StoreResult<Vec<Alert>>;
        /// Ends a standing budget (up to the next scheduled change, or for good), or drops a
        /// month's own budget so the month follows the standing budget again; months
        /// through `current` keep their rows in step. Returns what it did and the alerts a
        /// budget falling below its spending fires.
        fn remove_budget(
            &mut self,
            user: UserId,
            category: CategoryId,
            removal: BudgetRemoval,
            current: Month,
        ) -> StoreResult<(BudgetRemoved, Vec<Alert>)>;
        /// A user's recorded budgets of one category: standing changes and month budgets.
        fn budget_plan(&self, user: UserId, category: CategoryId) -> StoreResult<BudgetPlan>;
        /// Moves a category's budgets between two plans, for undo and redo; refused if they
        /// were changed elsewhere since. Returns the alerts the move fires.
        fn swap_budget(&mut self, swap: &BudgetSwap<'_>) -> StoreResult<Vec<Alert>>;
        /// Makes the budget rows the standing budgets call for, for every user, in every month
        /// through `through`, and drops those made for later months: the rows the reference
        /// design's queries read. Idempotent, and safe with other processes doing the same.
        fn open_budget_months(&mut self, through: Month) -> StoreResult<()>;
        /// Every budget a user has in effect in a month with what was spent, by category
        /// name; a budget's amount includes what rolled over into it. Computed from what was
        /// recorded, never written: any month reads the same whenever and however it is read.
        fn budgets_for_month(&self, user: UserId, month: Month) -> StoreResult<Vec<BudgetStatus>>;
        /// Imports named expenses, all or none, creating missing categories if asked.
        fn import_expenses(
            &mut self,
            rows: &[NamedExpense],
            create_missing: bool,
        ) -> StoreResult<BulkOutcome>;
        /// Sets many budgets in one transaction.
        fn set_budgets(&mut self, budgets: &[NewBudget]) -> StoreResult<Vec<Alert>>;

        /// Imports a statement's rows that `user` has not imported before (by fingerprint),
        /// all or none, with the budget check and alerts of typed adds.
        fn import_statement(
            &mut self,
            user: UserId,
            rows: &[StatementExpense],
            create_missing: bool,
        ) -> StoreResult<StatementOutcome>;
        /// Which of `fingerprints` `user` has imported before.
        fn known_fingerprints(&self, user: UserId, fingerprints: &[&str]) -> StoreResult<HashSet<String>>;
        /// A user's categorisation rules, in the order they apply.
        fn category_rules(&self, user: UserId) -> StoreResult<Vec<CategoryRule>>;
        /// Adds a categorisation rule after the user's others.
        fn add_category_rule(
            &mut self,
            user: UserId,
            pattern: &str,
            category: CategoryId,
        ) -> StoreResult<CategoryRule>;
        /// Deletes one of the user's categorisation rules.
        fn delete_category_rule(&mut self, user: UserId, id: i64) -> StoreResult<()>;
        /// The notes of a user's categorised expenses with their categories, oldest first.
        fn categorised_notes(&self, user: UserId) -> StoreResult<Vec<(String, String)>>;
        /// A saved import profile's settings (JSON), by name in any case.
        fn import_profile(&self, user: UserId, name: &str) -> StoreResult<Option<String>>;
        /// Saves an import profile, replacing one of the same name.
        fn save_import_profile(&mut self, user: UserId, name: &str, settings: &str) -> StoreResult<()>;

        /// Every user, oldest first.
        fn users(&self) -> StoreResult<Vec<User>>;
        /// The user an email names, or else the default (or only) user.
        fn resolve_user(&self, email: Option<&str>) -> StoreResult<User>;
        /// The user with this id.
        fn user(&self, id: UserId) -> StoreResult<User>;
        /// Adds a user.
        fn add_user(&mut self, name: &str, email: &str, currency: Currency) -> StoreResult<User>;
        /// Sets the share of a budget, in percent, at which a warning fires.
        fn set_warn_percent(&mut self, id: UserId, percent: u32) -> StoreResult<()>;
        /// Makes `id` the user chosen when no `--user` is given.
        fn set_default_user(&mut self, id: UserId) -> StoreResult<()>;
        /// Renames a user, and changes the email if given.
        fn rename_user(&mut self, id: UserId, name: &str, email: Option<&str>) -> StoreResult<User>;
        /// How many expenses a user has.
        fn user_expense_count(&self, id: UserId) -> StoreResult<u64>;
        /// Deletes a user, refusing one with expenses unless `with_expenses`.
        fn delete_user(&mut self, id: UserId, with_expenses: bool) -> StoreResult<UserDeleted>;

        /// Every category, by name.
        fn categories(&self) -> StoreResult<Vec<Category>>;
        /// The category with this name, matched case-insensitively.
        fn find_category(&self, name: &str) -> StoreResult<Category>;
        /// Adds a category.
        fn add_category(&mut self, name: &str, description: Option<&str>) -> StoreResult<Category>;
        /// Renames a category.
        fn rename_category(&mut self, id: CategoryId, name: &str) -> StoreResult<Category>;
        /// How many expenses and budgets use a category.
        fn category_usage(&self, id: CategoryId) -> StoreResult<CategoryUsage>;
        /// Moves everything of `from` into `into` and deletes `from`; every month is then held
        /// to the sum of both budgets. Months through `current` keep their rows in step.
        fn merge_categories(
            &mut self,
            from: CategoryId,
            into: CategoryId,
            current: Month,
        ) -> StoreResult<MergeOutcome>;
        /// Deletes a category that nothing uses.
        fn delete_unused_category(&mut self, id: CategoryId) -> StoreResult<()>;
        /// Deletes a category, returning what went with it so it can be restored.
        fn remove_category(&mut self, id: CategoryId) -> StoreResult<RemovedCategory>;
        /// Puts a removed category back with its budgets and expenses.
        fn restore_category(&mut self, removed: &RemovedCategory) -> StoreResult<()>;

        /// Records an expense and any alert it fires, together or not at all. One in another
        /// currency than the user's is converted at the given rate, or the ledger's rate of
        /// its date or the latest earlier one, and refused without one.
        fn add_expense(&mut self, new: &NewExpense) -> StoreResult<Outcome>;
        /// Stores exchange rates in one transaction, all or none; each replaces the rate of
        /// its day. An expense already recorded keeps the rate it was converted at.
        fn set_rates(&mut self, rates: &[ExchangeRate]) -> StoreResult<usize>;
        /// The rates kept for converting to `base`, of one currency or all, by currency and
        /// then date.
        fn rates(&self, base: Currency, currency: Option<Currency>) -> StoreResult<Vec<ExchangeRate>>;
        /// Records each expense as `add_expense` would, in one transaction with one commit: a
        /// refused expense leaves nothing behind and the others go on. `Err` is a failed
        /// commit, which keeps none of them.
        fn add_expenses_each(&mut self, rows: &[NewExpense]) -> StoreResult<Vec<StoreResult<Outcome>>>;
        /// Records an expense in a category given by name, creating it if asked.
        fn add_expense_by_name(&mut self, add: &ExpenseByName<'_>) -> StoreResult<AddedByName>;
        /// Changes one of `user`'s expenses.
        fn edit_expense(
            &mut self,
            user: UserId,
            id: ExpenseId,
            patch: &ExpensePatch,
        ) -> StoreResult<Outcome>;
        /// Deletes one of `user`'s expenses.
        fn delete_expense(&mut self, user: UserId, id: ExpenseId) -> StoreResult<Outcome>;
        /// Moves one expense between two states, for undo and redo.
        fn swap_expense(&mut self, swap: &ExpenseSwap<'_>) -> StoreResult<Outcome>;
        /// One of `user`'s expenses by id.
        fn expense(&self, user: UserId, id: ExpenseId) -> StoreResult<Expense>;
        /// A user's expenses in a month, newest first.
        fn expenses_in_month(&self, user: UserId, month: Month) -> StoreResult<Vec<Expense>>;
        /// How many expenses the ledger holds, all users.
        fn expense_count(&self) -> StoreResult<i64>;
        /// Loads the reference design's sample data.
        fn load_sample(&mut self) -> StoreResult<SampleSummary>;

        /// The report for a user's month over a window of months.
        fn report(&self, user: UserId, month: Month, window: MonthRange) -> StoreResult<Report>;
        /// Totals per month of a window, with the rolling three-month sum.
        fn monthly_totals(&self, user: UserId, window: MonthRange) -> StoreResult<Vec<MonthTotal>>;
        /// A month's spending per category, largest first.
        fn category_totals(&self, user: UserId, month: Month) -> StoreResult<Vec<CategoryTotal>>;

        /// Stores a server token for a user; only its hash is kept.
        fn create_token(&mut self, new: &NewToken<'_>) -> StoreResult<StoredToken>;
        /// Every server token, oldest first.
        fn tokens(&self) -> StoreResult<Vec<StoredToken>>;
        /// Deletes a server token, so it lets no one in from now on.
        fn revoke_token(&mut self, id: TokenId) -> StoreResult<()>;

        /// A user's recurring expenses, by id.
        fn recurring(&self, user: UserId) -> StoreResult<Vec<Recurring>>;
        /// Stores a recurring expense; the next catch-up posts what is due.
        fn add_recurring(&mut self, new: &NewRecurring) -> StoreResult<Recurring>;
        /// Deletes one of `user`'s recurring expenses; what it posted stays.
        fn delete_recurring(&mut self, user: UserId, id: RecurringId) -> StoreResult<()>;
        /// Posts every recurring expense due by `today`, each date once however many
        /// processes do it at once, each as an ordinary expense with its budget check.
        fn post_due_recurring(&mut self, today: chrono::NaiveDate) -> StoreResult<CatchUp>;

        /// Every stored setting, by key.
        fn settings(&self) -> StoreResult<Vec<(String, String)>>;
        /// Replaces this ledger, which must hold no expense, with a copied one.
        fn load_copy(
            &mut self,
            catalog: &LedgerCatalog,
            feed: &mut ExpenseFeed<'_>,
        ) -> StoreResult<CopySummary>;

        /// Every standing budget of every user, in the order they were set up.
        fn standing_budgets(&self) -> StoreResult<Vec<StandingBudget>>;
        /// Every budget in an export's scope, by id.
        fn budgets_in(&self, scope: &ExportScope) -> StoreResult<Vec<BudgetRecord>>;
        /// Every alert in an export's scope, by id.
        fn alerts_in(&self, scope: &ExportScope) -> StoreResult<Vec<AlertRecord>>;

        /// How many rows the list has.
        fn list_count(&self, query: &ListQuery<'_>) -> StoreResult<ListCount>;
        /// Up to `limit` rows of the list from row `offset`, newest first.
        fn list_window(
            &self,
            query: &ListQuery<'_>,
            offset: usize,
            limit: usize,
        ) -> StoreResult<Vec<Expense>>;
        /// Where an expense stands in the list, if it is in it.
        fn list_position(&self, query: &ListQuery<'_>, id: ExpenseId) -> StoreResult<Option<usize>>;
    }

    /// Brings the ledger up to `today`: every month through this one gets the rows of its
    /// standing budgets, then every recurring expense due is posted, so its budget check meets
    /// them. Every command, the app and the server call it on opening the ledger, and the
    /// app and the server again as days pass.
    pub fn catch_up(&mut self, today: chrono::NaiveDate) -> StoreResult<CatchUp> {
        self.open_budget_months(Month::of(today))?;
        self.post_due_recurring(today)
    }

    /// Records many expenses in one transaction, each with the checks one add would give it.
    pub fn add_expenses<R: Borrow<NewExpense>>(
        &mut self,
        rows: impl IntoIterator<Item = R>,
    ) -> StoreResult<BulkOutcome> {
        match &mut self.backend {
            Backend::Sqlite(store) => store.add_expenses(rows),
            Backend::Postgres(store) => store.add_expenses(rows),
        }
    }

    /// Calls `visit` with each expense the filter selects, in id order.
    pub fn each_expense<E: From<StoreError>>(
        &self,
        filter: &ExpenseFilter,
        visit: impl FnMut(&Expense) -> Result<(), E>,
    ) -> Result<usize, E> {
        match &self.backend {
            Backend::Sqlite(store) => store.each_expense(filter, visit),
            Backend::Postgres(store) => store.each_expense(filter, visit),
        }
    }

    /// Like `each_expense`, with each row borrowed, for exports of millions of rows.
    pub fn each_expense_row<E: From<StoreError>>(
        &self,
        filter: &ExpenseFilter,
        visit: impl FnMut(&ExpenseRow<'_>) -> Result<(), E>,
    ) -> Result<usize, E> {
        match &self.backend {
            Backend::Sqlite(store) => store.each_expense_row(filter, visit),
            Backend::Postgres(store) => store.each_expense_row(filter, visit),
        }
    }

    /// Calls `visit` with each selected expense in order, one at a time.
    pub fn each_selected_expense<E: From<StoreError>>(
        &self,
        selection: &ExpenseSelection<'_>,
        visit: impl FnMut(&Expense) -> Result<(), E>,
    ) -> Result<usize, E> {
        match &self.backend {
            Backend::Sqlite(store) => store.each_selected_expense(selection, visit),
            Backend::Postgres(store) => store.each_selected_expense(selection, visit),
        }
    }
}

impl From<SqliteStore> for Store {
    fn from(store: SqliteStore) -> Store {
        Store {
            backend: Backend::Sqlite(store),
        }
    }
}
