//! A category's budgets and spending as the rules need them, read from either engine, and
//! the budget in effect computed from them by the domain. Every budget check and every read
//! of a month's budgets goes through here, so the app, the command line, the server and the
//! alerts agree on one figure, and none of them writes to get it.

use std::collections::BTreeMap;

use crate::domain::{
    BudgetId, BudgetPlan, BudgetStatus, BudgetTerms, CategoryId, Month, User, UserId,
};
use crate::store::StoreResult;

use super::Figures;

/// One category's recorded budgets.
pub(crate) struct CategoryPlan {
    pub category: CategoryId,
    pub name: String,
    pub plan: BudgetPlan,
}

/// A recorded budget as an engine reads it: a standing change (`terms` `None` where it
/// ends), or a month's own budget.
pub(crate) struct PlanRow {
    pub category: CategoryId,
    pub name: String,
    pub standing: bool,
    pub month: Month,
    pub terms: Option<BudgetTerms>,
}

/// The plans of the categories `rows` name, in the order they first appear; the rows of a
/// category come together.
pub(crate) fn plans_from(rows: impl IntoIterator<Item = PlanRow>) -> Vec<CategoryPlan> {
    let mut plans: Vec<CategoryPlan> = Vec::new();
    for row in rows {
        if plans
            .last()
            .is_none_or(|last| last.category != row.category)
        {
            plans.push(CategoryPlan {
                category: row.category,
                name: row.name,
                plan: BudgetPlan::default(),
            });
        }
        let Some(found) = plans.last_mut() else {
            continue;
        };
        match (row.standing, row.terms) {
            (true, terms) => found.plan.record_standing(row.month, terms),
            (false, Some(terms)) => found.plan.record_month(row.month, terms),
            (false, None) => {}
        }
    }
    plans
}

/// What the budget rules read, on a transaction or a plain connection alike, so reads and
/// writes share the computation.
pub(crate) trait BudgetHistory {
    /// The user with this id.
    fn user_of(&self, id: UserId) -> StoreResult<User>;
    /// The user's recorded budgets of every category, or of one, by category name: the
    /// standing changes and the budgets set for one month alone.
    fn budget_plans(
        &self,
        user: &User,
        category: Option<CategoryId>,
    ) -> StoreResult<Vec<CategoryPlan>>;
    /// Spent per category and month, in minor units of the user's currency, from month
    /// `first` through `last` (no end when `None`); of one category, or of all.
    fn spent_by_month(
        &self,
        user: &User,
        category: Option<CategoryId>,
        first: Month,
        last: Option<Month>,
    ) -> StoreResult<Vec<(CategoryId, Month, i64)>>;
    /// The ids of the budget rows stored for a month, by category.
    fn budget_row_ids(
        &self,
        user: UserId,
        month: Month,
    ) -> StoreResult<Vec<(CategoryId, BudgetId)>>;
    /// The first month of the user's earliest standing budget.
    fn first_standing_month(&self, user: UserId) -> StoreResult<Option<Month>>;
    /// Whether any row the standing budgets call for in the user's months `first` to `last`
    /// is missing: a read, so a month already made costs no write lock.
    fn standing_rows_missing(&self, user: UserId, first: Month, last: Month) -> StoreResult<bool>;
    /// Whether the user has rows made from the standing budgets for months after `month`.
    fn standing_rows_after(&self, user: UserId, month: Month) -> StoreResult<bool>;
}

/// One user's budgets and spending in one category, in memory, as far as a write needs
/// them: the spending is loaded for the months whose budget in effect it can move.
#[derive(Debug, Clone, Default)]
pub(crate) struct CategoryBook {
    pub plan: BudgetPlan,
    spent: BTreeMap<Month, i64>,
}

impl CategoryBook {
    /// The book a change in `months` needs: the recorded budgets, and the spending from the
    /// first month whose balance reaches those months to the last month they reach.
    pub fn around(
        history: &impl BudgetHistory,
        user: &User,
        category: CategoryId,
        months: &[Month],
    ) -> StoreResult<CategoryBook> {
        let plan = plan_of(history, user, category)?;
        let Some(first) = months.iter().map(|m| plan.run_start(*m)).min() else {
            return Ok(CategoryBook {
                plan,
                spent: BTreeMap::new(),
            });
        };
        let last = months
            .iter()
            .map(|m| plan.reach(*m))
            .try_fold(Month::MIN, |last, reach| reach.map(|reach| last.max(reach)));
        let spent = history.spent_by_month(user, Some(category), first, last)?;
        Ok(CategoryBook::new(plan, spent))
    }

    /// The whole book: every recorded budget and every month's spending.
    pub fn whole(
        history: &impl BudgetHistory,
        user: &User,
        category: CategoryId,
    ) -> StoreResult<CategoryBook> {
        let plan = plan_of(history, user, category)?;
        let spent = history.spent_by_month(user, Some(category), Month::MIN, None)?;
        Ok(CategoryBook::new(plan, spent))
    }

    fn new(plan: BudgetPlan, spent: Vec<(CategoryId, Month, i64)>) -> CategoryBook {
        CategoryBook {
            plan,
            spent: spent
                .into_iter()
                .map(|(_, month, minor)| (month, minor))
                .collect(),
        }
    }

    /// The same spending held to another plan.
    pub fn with_plan(&self, plan: BudgetPlan) -> CategoryBook {
        CategoryBook {
            plan,
            spent: self.spent.clone(),
        }
    }

    /// Spent in a month, in minor units.
    pub fn spent(&self, month: Month) -> i64 {
        self.spent.get(&month).copied().unwrap_or(0)
    }

    /// Moves a month's spending by `minor`.
    pub fn add_spent(&mut self, month: Month, minor: i64) {
        *self.spent.entry(month).or_insert(0) += minor;
    }

    /// Adds another book's spending, as a merge does.
    pub fn add_book(&mut self, other: &CategoryBook) {
        for (month, minor) in &other.spent {
            self.add_spent(*month, *minor);
        }
    }

    /// The months from `first` through `last` (no end when `None`) where something is
    /// spent: the only months an alert can fire in, since a month with nothing spent never
    /// alerts.
    pub fn months_spent(&self, first: Month, last: Option<Month>) -> Vec<Month> {
        self.spent
            .range(first..=last.unwrap_or(Month::MAX))
            .filter(|(_, minor)| **minor > 0)
            .map(|(month, _)| *month)
            .collect()
    }

    /// Each month's spending and budget in effect, if any, in minor units; `months` oldest
    /// first.
    pub fn figures(&self, months: &[Month]) -> Vec<Figures> {
        let each = self.plan.in_effect_each(months, |at| self.spent(at));
        months
            .iter()
            .zip(each)
            .map(|(month, in_effect)| (self.spent(*month), in_effect.map(|e| e.budget())))
            .collect()
    }
}

fn plan_of(
    history: &impl BudgetHistory,
    user: &User,
    category: CategoryId,
) -> StoreResult<BudgetPlan> {
    Ok(history
        .budget_plans(user, Some(category))?
        .into_iter()
        .next()
        .map(|found| found.plan)
        .unwrap_or_default())
}

/// Every budget a user has in effect in a month with what was spent, by category name; a
/// budget's amount includes what rolled over into it. Computed, never stored: a month that
/// has never been looked at reads exactly as one that has.
pub(crate) fn budgets_for_month(
    history: &impl BudgetHistory,
    user: &User,
    month: Month,
) -> StoreResult<Vec<BudgetStatus>> {
    let plans: Vec<CategoryPlan> = history
        .budget_plans(user, None)?
        .into_iter()
        .filter(|found| found.plan.terms(month).is_some())
        .collect();
    let Some(first) = plans.iter().map(|found| found.plan.run_start(month)).min() else {
        return Ok(Vec::new());
    };
    // Sorted by category and month, so each category's months are one slice searched by
    // halving: a ten-year run looks up every month of every category.
    let mut spent = history.spent_by_month(user, None, first, Some(month))?;
    spent.sort_unstable_by_key(|(category, at, _)| (*category, *at));
    let ids: BTreeMap<CategoryId, BudgetId> = history
        .budget_row_ids(user.id, month)?
        .into_iter()
        .collect();
    let money = |minor| user.currency.from_minor(minor);
    let mut statuses = Vec::with_capacity(plans.len());
    for found in plans {
        let from = spent.partition_point(|(category, _, _)| *category < found.category);
        let to = spent.partition_point(|(category, _, _)| *category <= found.category);
        let months = &spent[from..to];
        let spent_in = |at: Month| {
            months
                .binary_search_by_key(&at, |(_, month, _)| *month)
                .map_or(0, |found| months[found].2)
        };
        let Some(in_effect) = found.plan.in_effect(month, spent_in) else {
            continue;
        };
        statuses.push(BudgetStatus {
            budget_id: ids.get(&found.category).copied(),
            category_id: found.category,
            category: found.name,
            month,
            budget: money(in_effect.budget()),
            spent: money(spent_in(month)),
            carried: money(in_effect.carried),
            standing: in_effect.terms.standing,
            rollover: in_effect.terms.terms.rollover,
            carry_overspending: in_effect.terms.terms.carry_overspending,
        });
    }
    Ok(statuses)
}

/// Fills in each stored budget's carry and budget in effect, computed as every view
/// computes them, so an export's figures are the app's.
pub(crate) fn fill_in_effect(
    history: &impl BudgetHistory,
    records: &mut [crate::store::BudgetRecord],
) -> StoreResult<()> {
    let mut books: BTreeMap<(UserId, CategoryId), (User, CategoryBook)> = BTreeMap::new();
    for record in records.iter_mut() {
        let key = (record.user_id, record.category_id);
        if let std::collections::btree_map::Entry::Vacant(entry) = books.entry(key) {
            let user = history.user_of(record.user_id)?;
            let book = CategoryBook::whole(history, &user, record.category_id)?;
            entry.insert((user, book));
        }
        let Some((user, book)) = books.get(&key) else {
            continue;
        };
        let figures = book.plan.in_effect(record.month, |at| book.spent(at));
        let money = |minor| user.currency.from_minor(minor);
        match figures {
            Some(in_effect) => {
                record.carried = money(in_effect.carried);
                record.in_effect = money(in_effect.budget());
            }
            None => record.in_effect = record.amount,
        }
    }
    Ok(())
}

/// The users with a month up to `through` that still lacks the rows of its standing
/// budgets, or with rows made for months after it, read without taking the write lock.
pub(crate) fn users_behind(
    history: &impl BudgetHistory,
    users: &[User],
    through: Month,
) -> StoreResult<Vec<UserId>> {
    let mut behind = Vec::new();
    for user in users {
        let missing = match history.first_standing_month(user.id)? {
            Some(first) if first <= through => {
                history.standing_rows_missing(user.id, first, through)?
            }
            _ => false,
        };
        if missing || history.standing_rows_after(user.id, through)? {
            behind.push(user.id);
        }
    }
    Ok(behind)
}
