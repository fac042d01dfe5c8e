//! The kept month totals against a direct sum over the expenses, after a long mixed sequence
//! of adds, edits, deletes and undos.

use rust_decimal::Decimal;
use smart_spending_tracker::domain::{CategoryId, Expense, ExpensePatch, NewExpense, UserId};
use smart_spending_tracker::domain::{Currency, Month, MonthRange, Rate};
use smart_spending_tracker::store::{ExpenseSwap, Store};

use crate::ledgers::{Ledger, on_every_engine};
use crate::support::{AMAN, PRIYA, day, month};

/// A small deterministic generator, so a failure replays exactly.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }

    fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).expect("an index fits usize")
    }
}

const MONTHS: [&str; 6] = [
    "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06",
];

fn random_date(rng: &mut Lcg) -> chrono::NaiveDate {
    let month = MONTHS[rng.index(MONTHS.len())];
    day(&format!("{month}-{:02}", rng.below(28) + 1))
}

fn random_category(rng: &mut Lcg) -> CategoryId {
    CategoryId(i64::try_from(rng.below(5)).expect("small") + 1)
}

fn random_amount(rng: &mut Lcg, currency: Currency) -> rust_decimal::Decimal {
    let minor = i64::try_from(rng.below(900_000)).expect("small");
    currency.from_minor(minor)
}

fn random_change(store: &mut Store, rng: &mut Lcg, live: &mut Vec<Expense>) {
    let usd = Currency::parse("USD").expect("USD");
    let rate = Rate::parse("83.2157").expect("rate");
    let choice = if live.is_empty() { 0 } else { rng.below(10) };
    match choice {
        0..=4 => {
            let user = if rng.below(3) == 0 { PRIYA } else { AMAN };
            let currency = if rng.below(6) == 0 {
                usd
            } else {
                Currency::INR
            };
            let new = NewExpense {
                // A foreign amount is counted at its converted value, like any other.
                rate: (currency != Currency::INR).then_some(rate),
                user_id: user,
                category_id: random_category(rng),
                amount: random_amount(rng, currency),
                currency,
                date: random_date(rng),
                note: None,
            };
            live.push(store.add_expense(&new).expect("add").expense);
        }
        5..=6 => {
            let slot = rng.index(live.len());
            let mut patch = ExpensePatch::default();
            if rng.below(2) == 0 {
                patch.amount = Some(random_amount(rng, live[slot].currency));
            }
            if rng.below(2) == 0 {
                patch.category_id = Some(random_category(rng));
            }
            if rng.below(2) == 0 {
                patch.date = Some(random_date(rng));
            }
            let old = live[slot].clone();
            let edited = store
                .edit_expense(old.user_id, old.id, &patch)
                .expect("edit")
                .expense;
            live[slot] = if rng.below(4) == 0 {
                let undo = ExpenseSwap {
                    user: old.user_id,
                    expect: Some(&edited),
                    want: Some(&old),
                    ..ExpenseSwap::default()
                };
                store.swap_expense(&undo).expect("undo the edit").expense
            } else {
                edited
            };
        }
        7..=8 => {
            let gone = live.swap_remove(rng.index(live.len()));
            store.delete_expense(gone.user_id, gone.id).expect("delete");
        }
        _ => {
            let slot = rng.index(live.len());
            let deleted = store
                .delete_expense(live[slot].user_id, live[slot].id)
                .expect("delete")
                .expense;
            let undo = ExpenseSwap {
                user: deleted.user_id,
                expect: None,
                want: Some(&deleted),
                ..ExpenseSwap::default()
            };
            live[slot] = store.swap_expense(&undo).expect("undo").expense;
        }
    }
}

/// Spent by a user in a month, and optionally one category, in the user's own currency
/// (both users' is INR), summed over the expenses the test knows are stored.
fn summed(live: &[Expense], user: UserId, month: Month, category: Option<CategoryId>) -> Decimal {
    live.iter()
        .filter(|e| e.user_id == user && e.currency == Currency::INR)
        .filter(|e| Month::of(e.date) == month)
        .filter(|e| category.is_none_or(|c| e.category_id == Some(c)))
        .map(|e| e.amount)
        .sum()
}

#[test]
fn kept_totals_match_a_direct_sum_after_mixed_changes() {
    on_every_engine(Ledger::sample, |mut store| {
        for user in [AMAN, PRIYA] {
            for month_text in MONTHS {
                for category in 1..=5 {
                    store
                        .set_budget(
                            user,
                            CategoryId(category),
                            month(month_text),
                            Currency::INR.from_minor(2_000_000),
                        )
                        .expect("budget");
                }
            }
        }
        let mut live: Vec<Expense> = [1, 2, 3, 4, 5]
            .map(|id| {
                store
                    .expense(
                        if id == 5 { PRIYA } else { AMAN },
                        smart_spending_tracker::domain::ExpenseId(id),
                    )
                    .expect("sample")
            })
            .to_vec();
        let mut rng = Lcg(0x5eed_cafe);
        for _ in 0..400 {
            random_change(&mut store, &mut rng, &mut live);
        }
        assert_eq!(
            store.expense_count().expect("count"),
            i64::try_from(live.len()).expect("small")
        );
        for expense in &live {
            assert_eq!(
                &store
                    .expense(expense.user_id, expense.id)
                    .expect("live expense"),
                expense
            );
        }

        for user in [AMAN, PRIYA] {
            let monthly = store
                .monthly_totals(user, MonthRange::ending(month("2025-06"), MONTHS.len()))
                .expect("monthly");
            for month_text in MONTHS {
                let month = month(month_text);
                let total = summed(&live, user, month, None);
                let reported = monthly.iter().find(|m| m.month == month).map(|m| m.total);
                assert_eq!(reported, Some(total), "user {user} {month}");
                let report = store
                    .report(user, month, MonthRange::ending(month, 1))
                    .expect("report");
                let listed: Decimal = report.top_categories.iter().map(|c| c.total).sum();
                assert_eq!(listed, total, "top categories of {user} {month}");
                for budget in store.budgets_for_month(user, month).expect("budgets") {
                    let spent = summed(&live, user, month, Some(budget.category_id));
                    assert_eq!(budget.spent, spent, "{user} {month} {}", budget.category);
                }
            }
        }
        kept_rows_match(&store);
    });
}

/// Every row of `month_totals` holds exactly the sum and count of its bucket, and every
/// expense in its user's currency is in a kept bucket. Totals are compared as text, each
/// engine's in its own unit.
fn kept_rows_match(store: &Ledger) {
    let mut kept = store.text_rows(
        "SELECT CAST(user_id AS TEXT), CAST(month AS TEXT), CAST(category_key AS TEXT),
                CAST(total AS TEXT), CAST(count AS TEXT)
         FROM month_totals WHERE count <> 0",
    );
    let mut buckets = store.text_rows(
        "SELECT CAST(e.user_id AS TEXT), substr(CAST(e.date AS TEXT), 1, 7),
                CAST(coalesce(e.category_id, 0) AS TEXT), CAST(sum(e.amount) AS TEXT),
                CAST(count(*) AS TEXT)
         FROM expenses e JOIN users u ON u.id = e.user_id WHERE e.currency = u.currency
         GROUP BY 1, 2, 3",
    );
    assert!(!kept.is_empty());
    kept.sort();
    buckets.sort();
    assert_eq!(kept, buckets, "kept totals against their buckets");
    let emptied = store.count("SELECT count(*) FROM month_totals WHERE count = 0 AND total <> 0");
    assert_eq!(emptied, 0, "an emptied bucket holds nothing");
}
