//! A month's budget standing in one line, for a shell prompt, a status bar or cron: what was
//! spent against what was budgeted, the worst budgets, and unseen alerts.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::{BudgetLevel, BudgetStatus, Currency, Month, NumberStyle, User, budget_level, counted};
use super::{CategoryTotal, percent_used};

/// The exit code of `spend status` for each level: 0 within budget, 1 warning, 2 exceeded.
pub fn status_exit_code(level: BudgetLevel) -> u8 {
    match level {
        BudgetLevel::Under => 0,
        BudgetLevel::Warning => 1,
        BudgetLevel::Exceeded => 2,
    }
}

/// The word for a level in `{level}` and JSON: `ok`, `warning`, `exceeded`.
pub fn level_name(level: BudgetLevel) -> &'static str {
    match level {
        BudgetLevel::Under => "ok",
        BudgetLevel::Warning => "warning",
        BudgetLevel::Exceeded => "exceeded",
    }
}

/// How a user's month stands against its budgets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthStatus {
    pub month: Month,
    pub currency: Currency,
    /// Everything spent in the month, in the user's currency.
    pub spent: Decimal,
    /// The part of `spent` in categories that have a budget this month.
    pub spent_in_budgets: Decimal,
    /// The month's budgets added up.
    pub budget: Decimal,
    /// Budgets spent past, the largest overrun first.
    pub exceeded: Vec<BudgetStatus>,
    /// Budgets at or past the warning share but not exceeded, the fullest first.
    pub warnings: Vec<BudgetStatus>,
    pub unseen_alerts: u64,
    /// The user's warning share, in percent.
    pub warn_percent: u32,
    /// Whether the month has any budget.
    pub has_budgets: bool,
}

impl MonthStatus {
    /// The standing of `user`'s `month` from its budgets, its per-category totals and the
    /// count of unseen alerts.
    pub fn new(
        user: &User,
        month: Month,
        budgets: &[BudgetStatus],
        totals: &[CategoryTotal],
        unseen_alerts: u64,
    ) -> MonthStatus {
        let level = |b: &BudgetStatus| budget_level(b.spent, Some(b.budget), user.warn_percent);
        let mut exceeded: Vec<BudgetStatus> = budgets
            .iter()
            .filter(|b| level(b) == BudgetLevel::Exceeded)
            .cloned()
            .collect();
        exceeded.sort_by_key(BudgetStatus::remaining);
        let mut warnings: Vec<BudgetStatus> = budgets
            .iter()
            .filter(|b| level(b) == BudgetLevel::Warning)
            .cloned()
            .collect();
        // Fullest first: compare spent/budget as cross products, exactly.
        warnings.sort_by(|a, b| (b.spent * a.budget).cmp(&(a.spent * b.budget)));
        MonthStatus {
            month,
            currency: user.currency,
            spent: totals.iter().map(|t| t.total).sum(),
            spent_in_budgets: budgets.iter().map(|b| b.spent).sum(),
            budget: budgets.iter().map(|b| b.budget).sum(),
            exceeded,
            warnings,
            unseen_alerts,
            warn_percent: user.warn_percent,
            has_budgets: !budgets.is_empty(),
        }
    }

    /// The worst level of any budget.
    pub fn level(&self) -> BudgetLevel {
        if !self.exceeded.is_empty() {
            BudgetLevel::Exceeded
        } else if !self.warnings.is_empty() {
            BudgetLevel::Warning
        } else {
            BudgetLevel::Under
        }
    }

    /// 0 within budget, 1 at a warning, 2 when any budget is exceeded.
    pub fn exit_code(&self) -> u8 {
        status_exit_code(self.level())
    }

    /// Budget left over all budgets, negative when overspent.
    pub fn remaining(&self) -> Decimal {
        self.budget - self.spent_in_budgets
    }

    /// Spent in budgeted categories as a whole percent of the budgets, if there are any.
    pub fn percent(&self) -> Option<u64> {
        percent_used(self.spent_in_budgets, self.budget)
    }

    /// An amount in the user's currency, grouped for reading.
    pub fn money(&self, amount: Decimal, style: impl Into<NumberStyle>) -> String {
        self.currency.format_grouped_as(amount, style)
    }

    /// `Shopping over by 200.00` (or `Food has nothing left` for a budget at or below zero
    /// not yet spent past), and how many more are over; empty when none is.
    pub fn over_text(&self, style: impl Into<NumberStyle>) -> String {
        let style = style.into();
        let Some(worst) = self.exceeded.first() else {
            return String::new();
        };
        let mut text = if worst.remaining() < Decimal::ZERO {
            format!(
                "{} over by {}",
                worst.category,
                self.money(-worst.remaining(), style)
            )
        } else {
            format!("{} has nothing left", worst.category)
        };
        if self.exceeded.len() > 1 {
            let _ = write!(text, " (+{} more)", self.exceeded.len() - 1);
        }
        text
    }

    /// `Food at 85%`, and how many more are near their budget; empty when none is.
    pub fn warning_text(&self) -> String {
        let Some(fullest) = self.warnings.first() else {
            return String::new();
        };
        let percent = percent_used(fullest.spent, fullest.budget).unwrap_or(0);
        let mut text = format!("{} at {percent}%", fullest.category);
        if self.warnings.len() > 1 {
            let _ = write!(text, " (+{} more)", self.warnings.len() - 1);
        }
        text
    }

    /// The one line: `May 2025 · 6,800.00 of 15,000.00 · Shopping over by 200.00 · 1 unseen
    /// alert`. Spending outside any budget is named apart, as the app's header does.
    pub fn line(&self, style: impl Into<NumberStyle>) -> String {
        let style = style.into();
        let money = |amount| self.money(amount, style);
        let mut parts = vec![self.month.long_name()];
        if !self.has_budgets {
            parts.push(format!("{} spent", money(self.spent)));
            parts.push("no budgets".into());
        } else if self.spent == self.spent_in_budgets {
            parts.push(format!("{} of {}", money(self.spent), money(self.budget)));
        } else {
            parts.push(format!("{} spent", money(self.spent)));
            parts.push(format!(
                "{} of {} budgeted",
                money(self.spent_in_budgets),
                money(self.budget)
            ));
        }
        parts.extend(
            [self.over_text(style), self.warning_text()]
                .into_iter()
                .filter(|part| !part.is_empty()),
        );
        if self.unseen_alerts > 0 {
            let count = usize::try_from(self.unseen_alerts).unwrap_or(usize::MAX);
            parts.push(counted(count, "unseen alert", "unseen alerts"));
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BudgetId, CategoryId, Grouping, UserId};

    fn user() -> User {
        User {
            id: UserId(1),
            name: "Aman".into(),
            email: "aman@example.com".into(),
            currency: Currency::INR,
            warn_percent: 80,
        }
    }

    fn budget(category: &str, budget: i64, spent: i64) -> BudgetStatus {
        BudgetStatus {
            budget_id: Some(BudgetId(1)),
            category_id: CategoryId(1),
            category: category.into(),
            month: may(),
            budget: Decimal::from(budget),
            spent: Decimal::from(spent),
            carried: Decimal::ZERO,
            standing: false,
            rollover: false,
            carry_overspending: false,
        }
    }

    fn total(category: &str, amount: i64) -> CategoryTotal {
        CategoryTotal {
            category: category.into(),
            total: Decimal::from(amount),
        }
    }

    fn may() -> Month {
        Month::parse("2025-05").expect("month")
    }

    #[test]
    fn the_sample_month_reads_as_one_line_and_exits_2() {
        let budgets = [
            budget("Food", 8000, 1450),
            budget("Shopping", 5000, 5200),
            budget("Transport", 2000, 150),
        ];
        let totals = [
            total("Shopping", 5200),
            total("Food", 1450),
            total("Transport", 150),
        ];
        let status = MonthStatus::new(&user(), may(), &budgets, &totals, 1);
        assert_eq!(
            status.line(Grouping::International),
            "May 2025 · 6,800.00 of 15,000.00 · Shopping over by 200.00 · 1 unseen alert"
        );
        assert_eq!(status.exit_code(), 2);
        assert_eq!(status.percent(), Some(45));
    }

    #[test]
    fn levels_give_exit_codes_0_1_2() {
        let line = |budgets: &[BudgetStatus]| {
            let totals: Vec<CategoryTotal> =
                budgets.iter().map(|b| total(&b.category, 0)).collect();
            MonthStatus::new(&user(), may(), budgets, &totals, 0)
        };
        assert_eq!(line(&[budget("Food", 1000, 799)]).exit_code(), 0);
        assert_eq!(line(&[budget("Food", 1000, 800)]).exit_code(), 1);
        assert_eq!(line(&[budget("Food", 1000, 1000)]).exit_code(), 1);
        assert_eq!(line(&[budget("Food", 1000, 1001)]).exit_code(), 2);
        assert_eq!(line(&[]).exit_code(), 0, "no budget, nothing to exceed");
    }

    #[test]
    fn the_worst_come_first_and_the_rest_are_counted() {
        let budgets = [
            budget("Food", 1000, 1100),
            budget("Rent", 1000, 1500),
            budget("Fun", 1000, 850),
            budget("Bus", 100, 95),
        ];
        let totals = [
            total("Food", 1100),
            total("Rent", 1500),
            total("Fun", 850),
            total("Bus", 95),
            total("Other", 7),
        ];
        let status = MonthStatus::new(&user(), may(), &budgets, &totals, 3);
        assert_eq!(
            status.line(Grouping::Indian),
            "May 2025 · 3,552.00 spent · 3,545.00 of 3,100.00 budgeted · Rent over by 500.00 (+1 more) · Bus at 95% (+1 more) · 3 unseen alerts"
        );
    }

    #[test]
    fn percents_read_rounded_as_everywhere_else() {
        let status = MonthStatus::new(
            &user(),
            may(),
            &[budget("Food", 549, 450)],
            &[total("Food", 450)],
            0,
        );
        assert_eq!(status.percent(), Some(82), "81.97%");
        assert_eq!(status.warning_text(), "Food at 82%");
    }

    #[test]
    fn a_month_without_budgets_says_so() {
        let status = MonthStatus::new(&user(), may(), &[], &[total("Food", 250)], 0);
        assert_eq!(
            status.line(Grouping::International),
            "May 2025 · 250.00 spent · no budgets"
        );
        assert_eq!(status.percent(), None);
    }
}
