//! A category's budgets as recorded, standing and month-only, and the budget in effect in any
//! month computed from them and the spending. Nothing here is stored: a month's budget in
//! effect, its carry and its alerts depend only on what was recorded, never on which months
//! were looked at or in what order.
//!
//! The carry follows Actual Budget's rule. A month whose budget rolls over hands what is left
//! of it to the next month; an overspend is not carried, so the next month starts from its own
//! budget, unless the budget opts in to carrying overspending as a debt.

use std::collections::BTreeMap;

use super::Month;

/// What a budget holds a month to, as recorded: its amount in minor units of the user's
/// currency, and what happens to what is left at the month's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetTerms {
    pub minor: i64,
    /// What is left at the month's end carries into the next month's budget.
    pub rollover: bool,
    /// With rollover, an overspend carries too, as a debt the next month starts with.
    pub carry_overspending: bool,
}

impl BudgetTerms {
    /// A budget of `minor` that neither rolls over nor carries debt.
    pub fn plain(minor: i64) -> BudgetTerms {
        BudgetTerms {
            minor,
            rollover: false,
            carry_overspending: false,
        }
    }

    /// What a month held to these terms hands the next month, given its budget in effect
    /// and what was spent in it.
    pub fn carry_out(self, in_effect: i64, spent: i64) -> i64 {
        if !self.rollover {
            return 0;
        }
        let left = in_effect.saturating_sub(spent);
        if self.carry_overspending {
            left
        } else {
            left.max(0)
        }
    }
}

/// A month's terms and where they come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthTerms {
    pub terms: BudgetTerms,
    /// From the standing budget, rather than set for the month alone.
    pub standing: bool,
}

/// One user's budgets of one category, as recorded: standing budgets by the month each
/// starts in (`None` where one ends), and budgets set for one month alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BudgetPlan {
    standing: BTreeMap<Month, Option<BudgetTerms>>,
    month_only: BTreeMap<Month, BudgetTerms>,
}

/// A month's budget in effect: its own amount plus what rolled over into it, in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InEffect {
    pub base: i64,
    /// Carried in from the months before; negative only when they carry overspending.
    pub carried: i64,
    pub terms: MonthTerms,
}

impl InEffect {
    /// What may be spent in the month.
    pub fn budget(&self) -> i64 {
        self.base.saturating_add(self.carried)
    }
}

impl BudgetPlan {
    /// Records a standing budget change as stored: from `from` on, these terms, or none.
    pub fn record_standing(&mut self, from: Month, terms: Option<BudgetTerms>) {
        self.standing.insert(from, terms);
    }

    /// Records a budget set for `month` alone, as stored.
    pub fn record_month(&mut self, month: Month, terms: BudgetTerms) {
        self.month_only.insert(month, terms);
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.standing.is_empty() && self.month_only.is_empty()
    }

    /// The standing changes, oldest first.
    pub fn standing_changes(&self) -> impl Iterator<Item = (Month, Option<BudgetTerms>)> + '_ {
        self.standing.iter().map(|(month, terms)| (*month, *terms))
    }

    /// The budgets set for one month alone, oldest first.
    pub fn month_budgets(&self) -> impl Iterator<Item = (Month, BudgetTerms)> + '_ {
        self.month_only
            .iter()
            .map(|(month, terms)| (*month, *terms))
    }

    /// The standing budget in effect in `month`: the latest change at or before it.
    pub fn standing_at(&self, month: Month) -> Option<BudgetTerms> {
        self.standing
            .range(..=month)
            .next_back()
            .and_then(|(_, terms)| *terms)
    }

    /// The month's budget set on its own, if any.
    pub fn month_budget(&self, month: Month) -> Option<BudgetTerms> {
        self.month_only.get(&month).copied()
    }

    /// The terms `month` is held to: its own budget, or else the standing one.
    pub fn terms(&self, month: Month) -> Option<MonthTerms> {
        if let Some(terms) = self.month_only.get(&month) {
            return Some(MonthTerms {
                terms: *terms,
                standing: false,
            });
        }
        self.standing_at(month).map(|terms| MonthTerms {
            terms,
            standing: true,
        })
    }

    /// The next standing change scheduled after `month`.
    pub fn next_standing_change(&self, month: Month) -> Option<(Month, Option<BudgetTerms>)> {
        use std::ops::Bound::{Excluded, Unbounded};
        self.standing
            .range((Excluded(month), Unbounded))
            .next()
            .map(|(month, terms)| (*month, *terms))
    }

    /// The first month whose balance flows into `month`'s budget: the start of the unbroken
    /// run of rollover months that ends the month before, or `month` itself.
    pub fn run_start(&self, month: Month) -> Month {
        let mut start = month;
        let Some(earliest) = self.earliest() else {
            return start;
        };
        loop {
            let before = start.previous();
            if before < earliest || !self.rolls_over(before) {
                return start;
            }
            start = before;
        }
    }

    /// The last month whose budget in effect can depend on what happens in `month`: the
    /// first month from it on that does not roll over. `None` when the run never ends.
    pub fn reach(&self, month: Month) -> Option<Month> {
        let last_change = self.latest();
        let mut at = month;
        while self.rolls_over(at) {
            // Past the last recorded change every month is held to the same terms, so a
            // month that rolls over there rolls over for ever.
            if last_change.is_none_or(|last| at > last) {
                return None;
            }
            at = at.next();
        }
        Some(at)
    }

    /// The budget in effect in `month`, with `spent` giving each month's spending in minor
    /// units; `None` when the month has no budget.
    pub fn in_effect(&self, month: Month, spent: impl Fn(Month) -> i64) -> Option<InEffect> {
        let terms = self.terms(month)?;
        // The run of rollover months before `month`, newest first, as `run_start` finds it:
        // their terms are kept so the carry is summed without looking them up again.
        let mut run = Vec::new();
        if let Some(earliest) = self.earliest() {
            let mut at = month.previous();
            while at >= earliest {
                match self.terms(at) {
                    Some(held) if held.terms.rollover => run.push((at, held.terms)),
                    _ => break,
                }
                at = at.previous();
            }
        }
        let carried = run.iter().rev().fold(0_i64, |carried, (at, held)| {
            held.carry_out(held.minor.saturating_add(carried), spent(*at))
        });
        Some(InEffect {
            base: terms.terms.minor,
            carried,
            terms,
        })
    }

    /// The budget in effect in each of `months`, in one pass from the first month whose
    /// balance reaches them: a long run of months is walked once, not once per month.
    pub fn in_effect_each(
        &self,
        months: &[Month],
        spent: impl Fn(Month) -> i64,
    ) -> Vec<Option<InEffect>> {
        let mut each = Vec::with_capacity(months.len());
        // Where the walk stands, and what rolled into that month.
        let mut walk: Option<(Month, i64)> = None;
        for &target in months {
            let from = match walk {
                // Out of order: this one is walked to on its own.
                Some((at, _)) if target < at => (self.run_start(target), 0),
                Some((at, carried)) => match self.run_start_from(target, at) {
                    start if start > at => (start, 0),
                    _ => (at, carried),
                },
                None => (self.run_start(target), 0),
            };
            let carried = self.carry_into(from, target, &spent);
            each.push(self.terms(target).map(|terms| InEffect {
                base: terms.terms.minor,
                carried,
                terms,
            }));
            if walk.is_none_or(|(at, _)| target >= at) {
                walk = Some((target, carried));
            }
        }
        each
    }

    /// What rolls into `target`, walking month by month from `at`, into which `carried`
    /// rolled.
    fn carry_into(
        &self,
        (mut at, mut carried): (Month, i64),
        target: Month,
        spent: impl Fn(Month) -> i64,
    ) -> i64 {
        while at < target {
            carried = match self.terms(at) {
                Some(held) => {
                    let budget = held.terms.minor.saturating_add(carried);
                    held.terms.carry_out(budget, spent(at))
                }
                None => 0,
            };
            at = at.next();
        }
        carried
    }

    /// Like [`BudgetPlan::run_start`], walking back no further than `floor`: `floor` when
    /// the run reaches it.
    fn run_start_from(&self, month: Month, floor: Month) -> Month {
        let mut start = month;
        while start > floor {
            let before = start.previous();
            if !self.rolls_over(before) {
                return start;
            }
            start = before;
        }
        start
    }

    /// Sets the standing budget from `from` on, up to the next change already scheduled
    /// after it. The month it starts in follows it even if it had a budget of its own: that
    /// is the month the person named.
    pub fn set_standing(&mut self, from: Month, terms: BudgetTerms) {
        self.standing.insert(from, Some(terms));
        self.month_only.remove(&from);
    }

    /// Ends the standing budget from `from` on: up to the next change scheduled after it,
    /// or for good with `all`, which drops every later change too.
    pub fn end_standing(&mut self, from: Month, all: bool) {
        if all {
            self.standing.retain(|month, _| *month < from);
        }
        self.standing.insert(from, None);
    }

    /// Sets `month`'s own budget, over whatever standing budget there is.
    pub fn set_month(&mut self, month: Month, terms: BudgetTerms) {
        self.month_only.insert(month, terms);
    }

    /// Drops `month`'s own budget, so the month follows the standing one again; returns
    /// what it was.
    pub fn drop_month(&mut self, month: Month) -> Option<BudgetTerms> {
        self.month_only.remove(&month)
    }

    /// This plan with `other`'s added, as when `other`'s category is merged into this one:
    /// every month is held to the sum of both amounts, and to this plan's rollover where it
    /// has a budget.
    #[must_use]
    pub fn merged_with(&self, other: &BudgetPlan) -> BudgetPlan {
        let mut merged = BudgetPlan::default();
        let changes: std::collections::BTreeSet<Month> = self
            .standing
            .keys()
            .chain(other.standing.keys())
            .copied()
            .collect();
        for month in changes {
            let terms = add_terms(self.standing_at(month), other.standing_at(month));
            merged.standing.insert(month, terms);
        }
        for month in self.month_only.keys().chain(other.month_only.keys()) {
            let held = |plan: &BudgetPlan| plan.terms(*month).map(|held| held.terms);
            if let Some(terms) = add_terms(held(self), held(other)) {
                merged.month_only.insert(*month, terms);
            }
        }
        merged
    }

    /// The first month whose recorded terms differ between the two plans.
    pub fn first_difference(&self, other: &BudgetPlan) -> Option<Month> {
        let standing = self
            .standing
            .keys()
            .chain(other.standing.keys())
            .filter(|month| self.standing.get(month) != other.standing.get(month));
        let own = self
            .month_only
            .keys()
            .chain(other.month_only.keys())
            .filter(|month| self.month_only.get(month) != other.month_only.get(month));
        standing.chain(own).min().copied()
    }

    fn rolls_over(&self, month: Month) -> bool {
        self.terms(month).is_some_and(|held| held.terms.rollover)
    }

    fn earliest(&self) -> Option<Month> {
        let standing = self.standing.keys().next();
        let month_only = self.month_only.keys().next();
        standing.into_iter().chain(month_only).min().copied()
    }

    fn latest(&self) -> Option<Month> {
        let standing = self.standing.keys().next_back();
        let month_only = self.month_only.keys().next_back();
        standing.into_iter().chain(month_only).max().copied()
    }
}

/// Two budgets held at once, the first's rollover kept where it has one.
fn add_terms(kept: Option<BudgetTerms>, added: Option<BudgetTerms>) -> Option<BudgetTerms> {
    match (kept, added) {
        (Some(kept), Some(added)) => Some(BudgetTerms {
            minor: kept.minor.saturating_add(added.minor),
            ..kept
        }),
        (one, None) | (None, one) => one,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> Month {
        Month::parse(text).expect("month")
    }

    fn rolling(minor: i64) -> BudgetTerms {
        BudgetTerms {
            minor,
            rollover: true,
            carry_overspending: false,
        }
    }

    #[test]
    fn the_carry_is_what_is_left_and_an_overspend_carries_only_when_asked() {
        let mut plan = BudgetPlan::default();
        plan.record_standing(month("2026-01"), Some(rolling(1000)));
        let spent = |m: Month| match m.number() {
            1 => 300,
            2 => 2200,
            _ => 0,
        };
        let carried = |plan: &BudgetPlan, at: &str| {
            plan.in_effect(month(at), spent)
                .map(|in_effect| in_effect.carried)
        };
        assert_eq!(carried(&plan, "2026-02"), Some(700));
        // February overspends its 1,700 by 500: March starts from its own budget.
        assert_eq!(carried(&plan, "2026-03"), Some(0));
        assert_eq!(carried(&plan, "2026-04"), Some(1000));
        plan.record_standing(
            month("2026-01"),
            Some(BudgetTerms {
                carry_overspending: true,
                ..rolling(1000)
            }),
        );
        assert_eq!(carried(&plan, "2026-03"), Some(-500));
        assert_eq!(carried(&plan, "2026-04"), Some(500));
        assert_eq!(carried(&plan, "2025-12"), None, "before it starts");
    }

    #[test]
    fn a_run_ends_at_a_month_that_does_not_roll_over_and_a_month_of_its_own_counts() {
        let mut plan = BudgetPlan::default();
        plan.record_standing(month("2026-01"), Some(rolling(100)));
        plan.record_month(month("2026-03"), BudgetTerms::plain(50));
        assert_eq!(plan.run_start(month("2026-03")), month("2026-01"));
        assert_eq!(plan.run_start(month("2026-04")), month("2026-04"));
        assert_eq!(plan.reach(month("2026-01")), Some(month("2026-03")));
        assert_eq!(plan.reach(month("2026-04")), None, "rolls over for ever");
        let in_effect = plan.in_effect(month("2026-03"), |_| 0).expect("March");
        assert_eq!((in_effect.base, in_effect.carried), (50, 200));
        assert!(!in_effect.terms.standing);
        assert_eq!(
            plan.in_effect(month("2026-04"), |_| 0).map(|e| e.carried),
            Some(0)
        );
    }

    #[test]
    fn reading_many_months_in_one_pass_gives_what_reading_each_gives() {
        let mut plan = BudgetPlan::default();
        plan.record_standing(month("2024-01"), Some(rolling(100)));
        plan.record_month(month("2024-06"), BudgetTerms::plain(40));
        plan.record_standing(month("2025-01"), None);
        plan.record_standing(
            month("2025-04"),
            Some(BudgetTerms {
                carry_overspending: true,
                ..rolling(70)
            }),
        );
        let spent = |m: Month| i64::from(m.number()) * 13 % 150;
        let months: Vec<Month> = [
            "2023-12", "2024-02", "2024-06", "2024-07", "2025-02", "2025-05", "2025-09",
        ]
        .into_iter()
        .map(month)
        .collect();
        let each = plan.in_effect_each(&months, spent);
        let one_by_one: Vec<_> = months.iter().map(|m| plan.in_effect(*m, spent)).collect();
        assert_eq!(each, one_by_one);
    }

    #[test]
    fn an_ended_standing_budget_gives_no_budget_until_the_next_change() {
        let mut plan = BudgetPlan::default();
        plan.record_standing(month("2026-01"), Some(BudgetTerms::plain(100)));
        plan.record_standing(month("2026-03"), None);
        plan.record_standing(month("2026-06"), Some(BudgetTerms::plain(250)));
        assert!(plan.terms(month("2026-02")).is_some());
        assert!(plan.terms(month("2026-03")).is_none());
        assert!(plan.terms(month("2026-05")).is_none());
        assert_eq!(
            plan.standing_at(month("2027-01")).map(|t| t.minor),
            Some(250)
        );
        assert_eq!(
            plan.next_standing_change(month("2026-03")),
            Some((month("2026-06"), Some(BudgetTerms::plain(250))))
        );
    }
}
