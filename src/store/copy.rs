//! `spend copy-to`: the whole ledger from one engine into another (or the same), ids and all,
//! in one transaction on the destination. How a household moves a local ledger to its
//! server, and back.

use crate::domain::{Category, Currency, ExchangeRate, Recurring, User};

use super::{
    AlertRecord, BudgetRecord, ExpenseFilter, ExpenseRow, ExportScope, StandingBudget, Store,
    StoreResult,
};

/// Everything of a ledger but its expenses, which are streamed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerCatalog {
    pub users: Vec<User>,
    pub categories: Vec<Category>,
    pub budgets: Vec<BudgetRecord>,
    pub standing_budgets: Vec<StandingBudget>,
    pub alerts: Vec<AlertRecord>,
    /// Each stored setting, key and value.
    pub settings: Vec<(String, String)>,
    /// Every user's recurring expenses, with their next dates.
    pub recurring: Vec<Recurring>,
    /// The exchange rates into each user's currency.
    pub rates: Vec<ExchangeRate>,
}

/// What a copy moved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopySummary {
    pub users: usize,
    pub categories: usize,
    pub budgets: usize,
    pub expenses: usize,
    pub alerts: usize,
}

/// Something that takes expense rows one at a time.
pub type ExpenseSink<'a> = dyn FnMut(&ExpenseRow<'_>) -> StoreResult<()> + 'a;

/// Feeds every expense of the source, in id order, to a sink; returns how many.
pub type ExpenseFeed<'a> = dyn FnMut(&mut ExpenseSink<'_>) -> StoreResult<usize> + 'a;

/// Settings a copy leaves behind: state of one transaction, not of the ledger.
pub(crate) const TRANSIENT_SETTINGS: [&str; 1] = ["search_index_deferred"];

impl Store {
    /// Copies the whole ledger into `dest`: users, categories, budgets standing and monthly,
    /// expenses with their ids, alerts with their seen flags, recurring expenses and settings,
    /// in one transaction on `dest`. A
    /// destination that already holds expenses is refused, and nothing is written to it.
    pub fn copy_to(&self, dest: &mut Store) -> StoreResult<CopySummary> {
        // One snapshot of the source, so a write committed there meanwhile is copied whole
        // or not at all: never an expense without its alert.
        self.begin_snapshot()?;
        let copied = self.copy_snapshot_to(dest);
        let ended = self.end_snapshot();
        let copied = copied?;
        ended?;
        Ok(copied)
    }

    fn copy_snapshot_to(&self, dest: &mut Store) -> StoreResult<CopySummary> {
        let everything = ExportScope::default();
        let users = self.users()?;
        let mut recurring = Vec::new();
        for user in &users {
            recurring.extend(self.recurring(user.id)?);
        }
        let mut bases: Vec<Currency> = users.iter().map(|u| u.currency).collect();
        bases.sort_by(|a, b| a.code().cmp(b.code()));
        bases.dedup();
        let mut rates = Vec::new();
        for base in bases {
            rates.extend(self.rates(base, None)?);
        }
        let catalog = LedgerCatalog {
            recurring,
            rates,
            users,
            categories: self.categories()?,
            budgets: self.budgets_in(&everything)?,
            standing_budgets: self.standing_budgets()?,
            alerts: self.alerts_in(&everything)?,
            settings: self
                .settings()?
                .into_iter()
                .filter(|(key, _)| !TRANSIENT_SETTINGS.contains(&key.as_str()))
                .collect(),
        };
        let mut feed = |sink: &mut ExpenseSink<'_>| {
            self.each_expense_row(&ExpenseFilter::default(), |row| sink(row))
        };
        dest.load_copy(&catalog, &mut feed)
    }
}
