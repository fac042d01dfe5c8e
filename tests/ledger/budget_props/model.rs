//! The reference model of budgets: plain, slow and obviously correct. It keeps the budget
//! commands and the expenses as they were given, and works every figure out from scratch,
//! month by month, as a person with a notebook would: the budget in effect in each month, what
//! carried into it, and the alerts each command fires.

use std::collections::BTreeMap;

/// A month as a number of months since year 0, so the notebook can count through them.
pub type MonthNo = i64;

/// A budget's amount in minor units, and what happens to what is left of a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    pub minor: i64,
    pub rollover: bool,
    pub carry_overspending: bool,
}

/// One category's budget commands.
#[derive(Debug, Clone, Default)]
pub struct CategoryBudgets {
    /// Standing budgets by the month each change starts in; `None` ends the budget there.
    pub standing: BTreeMap<MonthNo, Option<Terms>>,
    /// Budgets set for one month alone.
    pub month_only: BTreeMap<MonthNo, Terms>,
}

impl CategoryBudgets {
    /// The terms a month is held to: its own budget, else the latest standing change.
    pub fn terms(&self, month: MonthNo) -> Option<(Terms, bool)> {
        if let Some(terms) = self.month_only.get(&month) {
            return Some((*terms, false));
        }
        let mut latest = None;
        for (from, terms) in &self.standing {
            if *from <= month {
                latest = *terms;
            }
        }
        latest.map(|terms| (terms, true))
    }
}

/// One expense as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spend {
    pub category: usize,
    pub month: MonthNo,
    pub minor: i64,
}

/// A month's figures for one category, as every view shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    pub base: i64,
    pub carried: i64,
    pub spent: i64,
    pub standing: bool,
    pub rollover: bool,
}

impl Figures {
    pub fn budget(&self) -> i64 {
        self.base + self.carried
    }
}

/// The kinds of alert, by the level a bucket rises to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Under,
    Warning,
    Exceeded,
}

/// An alert the model expects: category, month, whether it is `Exceeded`, spent and budget.
pub type ExpectedAlert = (usize, MonthNo, Level, i64, i64);

/// The whole model: every category's budget commands and every expense.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub budgets: Vec<CategoryBudgets>,
    /// Expenses by id; a deleted one is `None`.
    pub expenses: Vec<Option<Spend>>,
    /// Categories merged away.
    pub gone: Vec<bool>,
}

/// The first month the notebook starts from: before any month the tests use.
pub const NOTEBOOK_START: MonthNo = 2025 * 12;

impl Model {
    pub fn new(categories: usize) -> Model {
        Model {
            budgets: vec![CategoryBudgets::default(); categories],
            expenses: Vec::new(),
            gone: vec![false; categories],
        }
    }

    /// Spent in a category and month.
    pub fn spent(&self, category: usize, month: MonthNo) -> i64 {
        self.expenses
            .iter()
            .flatten()
            .filter(|e| e.category == category && e.month == month)
            .map(|e| e.minor)
            .sum()
    }

    /// Every month's figures, worked out from the notebook's first month to `month`: each
    /// month gets its terms plus what the month before handed on.
    pub fn figures(&self, category: usize, month: MonthNo) -> Option<Figures> {
        let budgets = &self.budgets[category];
        let mut carried_in = 0;
        let mut at = NOTEBOOK_START;
        loop {
            let spent = self.spent(category, at);
            let terms = budgets.terms(at);
            if at == month {
                let (terms, standing) = terms?;
                return Some(Figures {
                    base: terms.minor,
                    carried: carried_in,
                    spent,
                    standing,
                    rollover: terms.rollover,
                });
            }
            carried_in = match terms {
                Some((terms, _)) if terms.rollover => {
                    let left = terms.minor + carried_in - spent;
                    if terms.carry_overspending {
                        left
                    } else {
                        left.max(0)
                    }
                }
                _ => 0,
            };
            at += 1;
        }
    }

    /// Where a month stands for the alerts: a month with nothing spent never alerts.
    pub fn level(&self, category: usize, month: MonthNo, warn_percent: i64) -> Level {
        let Some(figures) = self.figures(category, month) else {
            return Level::Under;
        };
        let (spent, budget) = (figures.spent, figures.budget());
        if spent <= 0 {
            Level::Under
        } else if spent > budget || budget <= 0 {
            Level::Exceeded
        } else if spent * 100 >= budget * warn_percent {
            Level::Warning
        } else {
            Level::Under
        }
    }

    /// The alerts going from `self` to `after` fires: every month of every category still
    /// there whose level rises, over the months given.
    pub fn alerts_to(
        &self,
        after: &Model,
        months: std::ops::RangeInclusive<MonthNo>,
        warn_percent: i64,
    ) -> Vec<ExpectedAlert> {
        let mut alerts = Vec::new();
        for category in 0..after.budgets.len() {
            if after.gone[category] {
                continue;
            }
            for month in months.clone() {
                let before = self.level(category, month, warn_percent);
                let now = after.level(category, month, warn_percent);
                if now > before {
                    let figures = after.figures(category, month).expect("a budget");
                    alerts.push((category, month, now, figures.spent, figures.budget()));
                }
            }
        }
        alerts.sort_unstable();
        alerts
    }

    /// Sets a standing budget from `from` on, until the next change already scheduled; the
    /// month it starts in loses a budget of its own.
    pub fn set_standing(&mut self, category: usize, from: MonthNo, terms: Terms) {
        let budgets = &mut self.budgets[category];
        budgets.standing.insert(from, Some(terms));
        budgets.month_only.remove(&from);
    }

    /// Ends the standing budget from `from`: until the next scheduled change, or for good.
    /// `false` (and nothing changed) when there is no standing budget to end.
    pub fn end_standing(&mut self, category: usize, from: MonthNo, all: bool) -> bool {
        let budgets = &mut self.budgets[category];
        let in_effect = budgets
            .standing
            .range(..=from)
            .next_back()
            .is_some_and(|(_, terms)| terms.is_some());
        let later = budgets
            .standing
            .range(from + 1..)
            .any(|(_, terms)| terms.is_some());
        if !in_effect && !later {
            return false;
        }
        if all {
            budgets.standing.retain(|month, _| *month < from);
        }
        budgets.standing.insert(from, None);
        true
    }

    /// Merges `from` into `into`: the expenses move, and every month is held to the sum of
    /// both budgets, with `into`'s rollover where it has a budget.
    pub fn merge(&mut self, from: usize, into: usize) {
        for expense in self.expenses.iter_mut().flatten() {
            if expense.category == from {
                expense.category = into;
            }
        }
        let (kept, added) = (self.budgets[into].clone(), self.budgets[from].clone());
        let standing_at = |budgets: &CategoryBudgets, month: MonthNo| {
            let mut latest = None;
            for (start, terms) in &budgets.standing {
                if *start <= month {
                    latest = *terms;
                }
            }
            latest
        };
        let mut merged = CategoryBudgets::default();
        for month in kept.standing.keys().chain(added.standing.keys()) {
            let terms = sum(standing_at(&kept, *month), standing_at(&added, *month));
            merged.standing.insert(*month, terms);
        }
        for month in kept.month_only.keys().chain(added.month_only.keys()) {
            let held = |budgets: &CategoryBudgets| budgets.terms(*month).map(|(terms, _)| terms);
            if let Some(terms) = sum(held(&kept), held(&added)) {
                merged.month_only.insert(*month, terms);
            }
        }
        self.budgets[into] = merged;
        self.budgets[from] = CategoryBudgets::default();
        self.gone[from] = true;
    }
}

fn sum(kept: Option<Terms>, added: Option<Terms>) -> Option<Terms> {
    match (kept, added) {
        (Some(kept), Some(added)) => Some(Terms {
            minor: kept.minor + added.minor,
            ..kept
        }),
        (Some(one), None) | (None, Some(one)) => Some(one),
        (None, None) => None,
    }
}
