//! When a budget alert fires. Pure: totals in, the alert kind out.

use std::fmt;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::{Alert, Currency, Month, NumberStyle};

/// Share of a budget, in percent, at which a warning fires unless configured otherwise.
pub const DEFAULT_WARN_PERCENT: u32 = 80;

/// How far a category's spending for a month has gone into its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BudgetLevel {
    /// Below the warning threshold, or no budget at all.
    Under,
    /// At or past the warning threshold, not above the budget.
    Warning,
    /// Above the budget.
    Exceeded,
}

/// The kinds of alert, stored under these exact names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlertKind {
    BudgetExceeded,
    BudgetWarning,
}

impl AlertKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::BudgetExceeded => "BUDGET_EXCEEDED",
            AlertKind::BudgetWarning => "BUDGET_WARNING",
        }
    }

    pub fn parse(text: &str) -> Option<AlertKind> {
        match text {
            "BUDGET_EXCEEDED" => Some(AlertKind::BudgetExceeded),
            "BUDGET_WARNING" => Some(AlertKind::BudgetWarning),
            _ => None,
        }
    }
}

impl fmt::Display for AlertKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where `spent` stands against `budget`, as every view shows it; no budget is always
/// `Under`, and a budget at or below zero leaves nothing to spend, so it reads as exceeded.
pub fn budget_level(spent: Decimal, budget: Option<Decimal>, warn_percent: u32) -> BudgetLevel {
    let Some(budget) = budget else {
        return BudgetLevel::Under;
    };
    if spent > budget || budget <= Decimal::ZERO {
        BudgetLevel::Exceeded
    } else if spent > Decimal::ZERO
        && spent * Decimal::ONE_HUNDRED >= budget * Decimal::from(warn_percent)
    {
        BudgetLevel::Warning
    } else {
        BudgetLevel::Under
    }
}

/// Where `spent` stands for the alerts: as shown, except that a month with nothing spent
/// against it never alerts, whatever its budget.
pub fn alert_level(spent: Decimal, budget: Option<Decimal>, warn_percent: u32) -> BudgetLevel {
    if spent <= Decimal::ZERO {
        return BudgetLevel::Under;
    }
    budget_level(spent, budget, warn_percent)
}

/// The alert a change fires: only a move up to a higher level fires, so a month that is
/// already over its budget stays quiet until it comes back under and crosses again.
pub fn alert_for_change(before: BudgetLevel, after: BudgetLevel) -> Option<AlertKind> {
    if after <= before {
        return None;
    }
    match after {
        BudgetLevel::Exceeded => Some(AlertKind::BudgetExceeded),
        BudgetLevel::Warning => Some(AlertKind::BudgetWarning),
        BudgetLevel::Under => None,
    }
}

/// The alert text, in the reference design's form:
/// `Budget exceeded for Shopping for May 2025. Spent: 5200.00 / 5000.00`.
pub fn alert_message(
    kind: AlertKind,
    category: &str,
    month: Month,
    spent: Decimal,
    budget: Decimal,
    currency: Currency,
) -> String {
    alert_text(kind, category, month, (spent, budget), |amount| {
        currency.format_plain(amount)
    })
}

/// An alert for reading on screen: the reference wording with grouped figures
/// (`Spent: 5,200.00 / 5,000.00`); the stored message when the alert's figures are unknown.
pub fn alert_display(alert: &Alert, style: impl Into<NumberStyle>) -> String {
    let style = style.into();
    match (
        &alert.category,
        alert.month,
        alert.spent,
        alert.budget,
        alert.currency,
    ) {
        (Some(category), Some(month), Some(spent), Some(budget), Some(currency)) => {
            alert_text(alert.kind, category, month, (spent, budget), |amount| {
                currency.format_grouped_as(amount, style)
            })
        }
        _ => alert.message.clone(),
    }
}

fn alert_text(
    kind: AlertKind,
    category: &str,
    month: Month,
    (spent, budget): (Decimal, Decimal),
    money: impl Fn(Decimal) -> String,
) -> String {
    let (spent_text, budget_text) = (money(spent), money(budget));
    let month_name = month.long_name();
    match kind {
        AlertKind::BudgetExceeded => format!(
            "Budget exceeded for {category} for {month_name}. Spent: {spent_text} / {budget_text}"
        ),
        AlertKind::BudgetWarning => {
            let percent = percent_used(spent, budget).unwrap_or(0);
            format!(
                "Budget warning for {category} for {month_name}: {percent}% used. Spent: {spent_text} / {budget_text}"
            )
        }
    }
}

/// Whole percent of the budget spent, as every screen, report and JSON answer shows it:
/// rounded half to even (81.97% is 82%, 7.5% is 8%), so shown percents neither all lean
/// down nor all lean up. `None` for a budget of zero or less, which has nothing to spend
/// and reads as exceeded rather than as a share (or for spending below zero). Only for
/// showing: whether a warning fires is decided exactly by [`budget_level`].
pub fn percent_used(spent: Decimal, budget: Decimal) -> Option<u64> {
    if budget <= Decimal::ZERO {
        return None;
    }
    spent
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(budget)?
        .round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven)
        .to_u64()
}

/// A budget's share spent as it is shown beside it: `82%`, or `over` for a budget at or
/// below zero, which has nothing left to spend and no share to show.
pub fn percent_shown(spent: Decimal, budget: Decimal) -> String {
    percent_used(spent, budget).map_or_else(|| "over".to_string(), |p| format!("{p}%"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use BudgetLevel::{Exceeded, Under, Warning};

    fn d(n: i64) -> Decimal {
        Decimal::from(n)
    }

    #[test]
    fn levels_follow_the_threshold() {
        let level = |spent, budget: Option<i64>| budget_level(d(spent), budget.map(d), 80);
        assert_eq!(level(100, None), Under);
        assert_eq!(level(799, Some(1000)), Under);
        assert_eq!(level(800, Some(1000)), Warning);
        assert_eq!(level(1000, Some(1000)), Warning);
        assert_eq!(level(1001, Some(1000)), Exceeded);
        assert_eq!(level(1, Some(0)), Exceeded);
        // Nothing left to spend reads as exceeded, but alerts only once something is spent.
        assert_eq!(level(0, Some(0)), Exceeded);
        assert_eq!(level(0, Some(-460)), Exceeded);
        let alert = |spent, budget: i64| alert_level(d(spent), Some(d(budget)), 80);
        assert_eq!(alert(0, 0), Under);
        assert_eq!(alert(0, -460), Under);
        assert_eq!(alert(1, 0), Exceeded);
        assert_eq!(alert(800, 1000), Warning);
    }

    #[test]
    fn only_upward_moves_fire() {
        assert_eq!(
            alert_for_change(Under, Exceeded),
            Some(AlertKind::BudgetExceeded)
        );
        assert_eq!(
            alert_for_change(Warning, Exceeded),
            Some(AlertKind::BudgetExceeded)
        );
        assert_eq!(
            alert_for_change(Under, Warning),
            Some(AlertKind::BudgetWarning)
        );
        assert_eq!(alert_for_change(Exceeded, Exceeded), None);
        assert_eq!(alert_for_change(Warning, Warning), None);
        assert_eq!(alert_for_change(Exceeded, Warning), None);
        assert_eq!(alert_for_change(Exceeded, Under), None);
    }

    #[test]
    fn messages_match_the_reference_form() {
        let may = Month::parse("2025-05").expect("month");
        let inr = Currency::INR;
        let spent = inr.from_minor(520_000);
        let budget = inr.from_minor(500_000);
        assert_eq!(
            alert_message(
                AlertKind::BudgetExceeded,
                "Shopping",
                may,
                spent,
                budget,
                inr
            ),
            "Budget exceeded for Shopping for May 2025. Spent: 5200.00 / 5000.00"
        );
        assert_eq!(
            alert_message(AlertKind::BudgetWarning, "Food", may, d(6500), d(8000), inr),
            "Budget warning for Food for May 2025: 81% used. Spent: 6500.00 / 8000.00"
        );
    }

    #[test]
    fn percent_rounds_half_even_to_the_whole_percent() {
        // 81.97% reads as 82%: flooring showed 81%.
        assert_eq!(percent_used(d(450), d(549)), Some(82));
        assert_eq!(percent_used(d(1450), d(8000)), Some(18), "18.125%");
        // An exact half goes to the even neighbour, so halves do not all lean one way.
        assert_eq!(percent_used(d(150), d(2000)), Some(8), "7.5%");
        assert_eq!(percent_used(d(1), d(8)), Some(12), "12.5%");
        assert_eq!(percent_used(d(3), d(8)), Some(38), "37.5%");
        assert_eq!(percent_used(Decimal::new(99_995, 3), d(100)), Some(100));
        assert_eq!(percent_used(d(0), d(0)), None);
        assert_eq!(percent_used(d(12), d(10)), Some(120));
    }

    #[test]
    fn a_warning_says_the_rounded_percent_but_fires_on_the_exact_share() {
        let may = Month::parse("2025-05").expect("month");
        assert_eq!(
            alert_message(
                AlertKind::BudgetWarning,
                "Food",
                may,
                d(6550),
                d(8000),
                Currency::INR
            ),
            "Budget warning for Food for May 2025: 82% used. Spent: 6550.00 / 8000.00"
        );
        // 79.96% reads as 80%, yet stays under an 80% threshold: the level compares exactly.
        let spent = Decimal::new(7996, 1);
        assert_eq!(percent_used(spent, d(1000)), Some(80));
        assert_eq!(budget_level(spent, Some(d(1000)), 80), Under);
    }
}
