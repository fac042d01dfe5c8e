//! Rollover: a month's unspent budget carries into the next month's budget, and
//! overspending takes from it, for as long as every month in between rolls over.
//!
//! Carried month by month, the balance into a month is (base + carried − spent) of the month
//! before; unrolled, it is the bases minus the spending of the unbroken run of rollover
//! months that ends the month before. The run is what the store reads, so the carry costs
//! two reads however long it has run.

use super::Month;

/// The run of rollover months whose balance carries into `month`: its first month and the
/// sum of its base budgets, in minor units. `rollover_months` are the months before `month`
/// whose budget rolls over, with their base budgets, newest first; `None` when the month
/// before does not roll over.
pub fn carrying_run(
    rollover_months: impl IntoIterator<Item = (Month, i64)>,
    month: Month,
) -> Option<(Month, i64)> {
    let mut expected = month.previous();
    let mut run: Option<(Month, i64)> = None;
    for (rolled, base) in rollover_months {
        if rolled != expected {
            break;
        }
        let sum = run.map_or(0, |(_, sum)| sum);
        run = Some((rolled, sum.saturating_add(base)));
        expected = rolled.previous();
    }
    run
}

/// What a budget of `base` comes to with `carried` added, as the bars show it.
pub fn effective_budget(base: i64, carried: i64) -> i64 {
    base.saturating_add(carried)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn month(text: &str) -> Month {
        Month::parse(text).expect("month")
    }

    #[test]
    fn the_run_ends_at_the_first_month_that_does_not_roll_over() {
        let rows = [
            (month("2026-10"), 800),
            (month("2026-09"), 700),
            // August does not roll over, so July's balance stays in July.
            (month("2026-07"), 600),
        ];
        assert_eq!(
            carrying_run(rows, month("2026-11")),
            Some((month("2026-09"), 1500))
        );
        assert_eq!(carrying_run(rows, month("2026-12")), None);
        assert_eq!(carrying_run([], month("2026-12")), None);
    }

    #[test]
    fn a_run_crosses_the_new_year() {
        let rows = [(month("2027-01"), 5), (month("2026-12"), 7)];
        assert_eq!(
            carrying_run(rows, month("2027-02")),
            Some((month("2026-12"), 12))
        );
    }

    proptest! {
        /// Carrying month by month, as a person with a notebook would, comes to the bases
        /// minus the spending of the run: the closed form the store computes.
        #[test]
        fn carrying_month_by_month_equals_bases_minus_spending(
            months in prop::collection::vec(
                (any::<bool>(), 0_i64..100_000_000, 0_i64..100_000_000),
                1..40,
            ),
        ) {
            let mut at = month("2024-03");
            let mut carried = 0_i64;
            // Every month so far: its month, whether it rolls over, its base and its spending.
            let mut history: Vec<(Month, bool, i64, i64)> = Vec::new();
            for (rolls_over, base, spent) in months {
                let rolled_newest_first = history
                    .iter()
                    .rev()
                    .filter(|(_, rolls, _, _)| *rolls)
                    .map(|(m, _, base, _)| (*m, *base));
                let closed_form = match carrying_run(rolled_newest_first, at) {
                    Some((start, bases)) => {
                        let spent_in_run: i64 = history
                            .iter()
                            .filter(|(m, _, _, _)| *m >= start)
                            .map(|(_, _, _, spent)| spent)
                            .sum();
                        bases - spent_in_run
                    }
                    None => 0,
                };
                prop_assert_eq!(closed_form, carried);
                // The notebook: what this month had, and what it hands on.
                let balance = effective_budget(base, carried) - spent;
                carried = if rolls_over { balance } else { 0 };
                history.push((at, rolls_over, base, spent));
                at = at.next();
            }
        }
    }
}
