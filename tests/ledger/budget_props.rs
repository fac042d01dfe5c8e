//! The store's budgets against the reference model, on every engine: random sequences of
//! budget commands (standing, month-only, rollover, carrying overspending, ending, dropping),
//! expenses added, edited, deleted and merged at random dates, the day moving on, and reads
//! of random months in random order. Every figure read and every alert fired must be the
//! model's.

mod model;

use std::cell::RefCell;

use chrono::Datelike;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rust_decimal::Decimal;
use smart_spending_tracker::domain::{
    Alert, AlertKind, CategoryId, Currency, ExpenseId, ExpensePatch, Month, NewExpense, UserId,
};
use smart_spending_tracker::store::{BudgetChange, BudgetRemoval, BudgetSpan, Store};

use crate::ledgers::{Engine, Ledger, engines};
use model::{ExpectedAlert, Level, Model, MonthNo, Terms};

/// The months the commands fall in: six, so rollover runs, month budgets and merges meet.
const FIRST: MonthNo = 2025 * 12 + 10;
const LAST: MonthNo = 2026 * 12 + 3;
const CATEGORIES: usize = 3;
const WARN_PERCENT: i64 = 80;

/// Cases per engine: `SPEND_BUDGET_CASES` to run more, or fewer, than CI's 2,000.
fn cases() -> u32 {
    std::env::var("SPEND_BUDGET_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000)
}

#[derive(Debug, Clone)]
enum Op {
    Standing(usize, MonthNo, Terms),
    MonthOnly(usize, MonthNo, Terms),
    End(usize, MonthNo, bool),
    DropMonth(usize, MonthNo),
    Add(usize, MonthNo, u32, i64),
    /// An expense picked by its place among those still there, and what to change.
    Edit(usize, Option<usize>, Option<MonthNo>, Option<i64>),
    Delete(usize),
    Merge(usize, usize),
    Today(MonthNo),
    Read(MonthNo),
}

fn terms() -> impl Strategy<Value = Terms> {
    (0_i64..=12, any::<bool>(), any::<bool>()).prop_map(|(units, rollover, debt)| Terms {
        minor: units * 10_000,
        rollover,
        carry_overspending: debt,
    })
}

fn op() -> impl Strategy<Value = Op> {
    let category = 0..CATEGORIES;
    let month = FIRST..=LAST;
    prop_oneof![
        3 => (category.clone(), month.clone(), terms()).prop_map(|(c, m, t)| Op::Standing(c, m, t)),
        2 => (category.clone(), month.clone(), terms()).prop_map(|(c, m, t)| Op::MonthOnly(c, m, t)),
        1 => (category.clone(), month.clone(), any::<bool>()).prop_map(|(c, m, a)| Op::End(c, m, a)),
        1 => (category.clone(), month.clone()).prop_map(|(c, m)| Op::DropMonth(c, m)),
        6 => (category.clone(), month.clone(), 1_u32..=28, 1_i64..=8)
            .prop_map(|(c, m, d, units)| Op::Add(c, m, d, units * 5_000)),
        2 => (
            0_usize..20,
            proptest::option::of(category.clone()),
            proptest::option::of(month.clone()),
            proptest::option::of((1_i64..=8).prop_map(|u| u * 5_000)),
        )
            .prop_map(|(p, c, m, a)| Op::Edit(p, c, m, a)),
        1 => (0_usize..20).prop_map(Op::Delete),
        1 => (category.clone(), category.clone()).prop_map(|(a, b)| Op::Merge(a, b)),
        1 => month.clone().prop_map(Op::Today),
        3 => month.prop_map(Op::Read),
    ]
}

fn month_of(number: MonthNo) -> Month {
    let year = i32::try_from(number / 12).expect("year");
    let month = u32::try_from(number % 12 + 1).expect("month");
    Month::new(year, month).expect("a month")
}

fn number_of(month: Month) -> MonthNo {
    month.index()
}

fn money(minor: i64) -> Decimal {
    Decimal::new(minor, 2)
}

fn minor(amount: Decimal) -> i64 {
    Currency::INR.to_minor(amount).expect("minor units")
}

/// One case's own user and categories, so that cases share one ledger per engine.
struct Case {
    user: UserId,
    categories: Vec<CategoryId>,
    names: Vec<String>,
    /// The store's id of each expense the model has, by the model's index.
    ids: Vec<ExpenseId>,
    today: MonthNo,
}

impl Case {
    fn new(store: &mut Store, number: usize) -> Case {
        let email = format!("case{number}@example.com");
        let user = store
            .add_user(&format!("Case {number}"), &email, Currency::INR)
            .expect("a user")
            .id;
        let names: Vec<String> = (0..CATEGORIES)
            .map(|i| format!("Case{number}-{i}"))
            .collect();
        let categories = names
            .iter()
            .map(|name| store.add_category(name, None).expect("a category").id)
            .collect();
        Case {
            user,
            categories,
            names,
            ids: Vec::new(),
            today: FIRST,
        }
    }

    fn category_index(&self, name: Option<&str>) -> usize {
        let name = name.expect("an alert names its category");
        self.names
            .iter()
            .position(|n| n == name)
            .expect("one of the case's categories")
    }

    fn alerts(&self, alerts: &[Alert]) -> Vec<ExpectedAlert> {
        let mut seen: Vec<ExpectedAlert> = alerts
            .iter()
            .map(|alert| {
                let level = match alert.kind {
                    AlertKind::BudgetExceeded => Level::Exceeded,
                    AlertKind::BudgetWarning => Level::Warning,
                };
                (
                    self.category_index(alert.category.as_deref()),
                    number_of(alert.month.expect("an alert names its month")),
                    level,
                    minor(alert.spent.expect("spent")),
                    minor(alert.budget.expect("budget")),
                )
            })
            .collect();
        seen.sort_unstable();
        seen
    }
}

/// Applies one command to the store and the model, and checks the store fired exactly the
/// alerts the model says it must.
fn apply(
    store: &mut Store,
    case: &mut Case,
    model: &mut Model,
    op: &Op,
) -> Result<(), TestCaseError> {
    let before = model.clone();
    let fired = match *op {
        Op::Standing(..) | Op::MonthOnly(..) | Op::End(..) | Op::DropMonth(..) => {
            budget_command(store, case, model, op)?
        }
        Op::Add(..) | Op::Edit(..) | Op::Delete(..) | Op::Merge(..) => {
            expense_command(store, case, model, op)
        }
        Op::Today(month) => {
            case.today = month;
            let today = month_of(month).first_day().with_day0(14).expect("the 15th");
            store.catch_up(today).expect("catch up");
            Vec::new()
        }
        Op::Read(month) => return check_month(store, case, model, month),
    };
    let expected = before.alerts_to(model, FIRST..=LAST, WARN_PERCENT);
    prop_assert_eq!(case.alerts(&fired), expected, "alerts of {:?}", op);
    Ok(())
}

/// A budget set, ended or dropped, in the store and the model; a refusal must be the
/// model's too.
fn budget_command(
    store: &mut Store,
    case: &Case,
    model: &mut Model,
    op: &Op,
) -> Result<Vec<Alert>, TestCaseError> {
    let current = month_of(case.today);
    let removed = match *op {
        Op::Standing(c, from, terms) | Op::MonthOnly(c, from, terms) if !model.gone[c] => {
            let span = if matches!(op, Op::Standing(..)) {
                model.set_standing(c, from, terms);
                BudgetSpan::From(month_of(from))
            } else {
                model.budgets[c].month_only.insert(from, terms);
                BudgetSpan::Month(month_of(from))
            };
            let change = BudgetChange {
                user: case.user,
                category: case.categories[c],
                span,
                amount: money(terms.minor),
                rollover: Some(terms.rollover),
                carry_overspending: Some(terms.carry_overspending),
            };
            return Ok(store.change_budget(&change, current).expect("set a budget"));
        }
        Op::End(c, from, all) if !model.gone[c] => {
            let removal = BudgetRemoval::Standing {
                from: month_of(from),
                all,
            };
            let done = store.remove_budget(case.user, case.categories[c], removal, current);
            (done, model.end_standing(c, from, all))
        }
        Op::DropMonth(c, month) if !model.gone[c] => {
            let removal = BudgetRemoval::Month(month_of(month));
            let done = store.remove_budget(case.user, case.categories[c], removal, current);
            (done, model.budgets[c].month_only.remove(&month).is_some())
        }
        _ => return Ok(Vec::new()),
    };
    let (done, expected) = removed;
    prop_assert_eq!(done.is_ok(), expected, "{:?}: {:?}", op, done);
    Ok(done.map(|(_, alerts)| alerts).unwrap_or_default())
}

/// An expense added, edited, deleted or merged away, in the store and the model.
fn expense_command(store: &mut Store, case: &mut Case, model: &mut Model, op: &Op) -> Vec<Alert> {
    match *op {
        Op::Add(c, month, day, amount) if !model.gone[c] => {
            let date = month_of(month)
                .first_day()
                .with_day0(day - 1)
                .expect("a day of the month");
            let new = NewExpense {
                user_id: case.user,
                category_id: case.categories[c],
                amount: money(amount),
                currency: Currency::INR,
                date,
                note: None,
                rate: None,
            };
            let outcome = store.add_expense(&new).expect("add");
            case.ids.push(outcome.expense.id);
            model.expenses.push(Some(model::Spend {
                category: c,
                month,
                minor: amount,
            }));
            outcome.alerts
        }
        Op::Edit(pick, category, month, amount) => {
            let Some(index) = live(model, pick) else {
                return Vec::new();
            };
            let category = category.filter(|c| !model.gone[*c]);
            let patch = ExpensePatch {
                amount: amount.map(money),
                category_id: category.map(|c| case.categories[c]),
                date: month.map(|m| month_of(m).first_day()),
                note: None,
            };
            let spend = model.expenses[index].as_mut().expect("live");
            spend.category = category.unwrap_or(spend.category);
            spend.month = month.unwrap_or(spend.month);
            spend.minor = amount.unwrap_or(spend.minor);
            let edited = store.edit_expense(case.user, case.ids[index], &patch);
            edited.expect("edit").alerts
        }
        Op::Delete(pick) => {
            let Some(index) = live(model, pick) else {
                return Vec::new();
            };
            model.expenses[index] = None;
            let deleted = store.delete_expense(case.user, case.ids[index]);
            deleted.expect("delete").alerts
        }
        Op::Merge(from, into) if from != into && !model.gone[from] && !model.gone[into] => {
            model.merge(from, into);
            let (from, into) = (case.categories[from], case.categories[into]);
            let current = month_of(case.today);
            let merged = store.merge_categories(from, into, current);
            merged.expect("merge").alerts
        }
        _ => Vec::new(),
    }
}

/// The index of the `pick`th expense still there, counting round.
fn live(model: &Model, pick: usize) -> Option<usize> {
    let live: Vec<usize> = (0..model.expenses.len())
        .filter(|i| model.expenses[*i].is_some())
        .collect();
    (!live.is_empty()).then(|| live[pick % live.len()])
}

/// A month as the store reads it against the model's figures, category by category.
fn check_month(
    store: &Store,
    case: &Case,
    model: &Model,
    month: MonthNo,
) -> Result<(), TestCaseError> {
    let read: Vec<(usize, i64, i64, i64, bool, bool)> = store
        .budgets_for_month(case.user, month_of(month))
        .expect("budgets")
        .into_iter()
        .map(|b| {
            (
                case.category_index(Some(&b.category)),
                minor(b.budget - b.carried),
                minor(b.carried),
                minor(b.spent),
                b.standing,
                b.rollover,
            )
        })
        .collect();
    let expected: Vec<(usize, i64, i64, i64, bool, bool)> = (0..CATEGORIES)
        .filter(|c| !model.gone[*c])
        .filter_map(|c| {
            let f = model.figures(c, month)?;
            Some((c, f.base, f.carried, f.spent, f.standing, f.rollover))
        })
        .collect();
    prop_assert_eq!(read, expected, "month {}", month_of(month));
    Ok(())
}

fn run_on(engine: &Engine) {
    let ledger = RefCell::new(Ledger::shared(engine));
    let number = RefCell::new(0_usize);
    let last: RefCell<Option<(UserId, Vec<CategoryId>)>> = RefCell::new(None);
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let ops = prop::collection::vec(op(), 1..24);
    let result = runner.run(&ops, |ops| {
        let mut ledger = ledger.borrow_mut();
        let store: &mut Store = &mut ledger;
        let mut n = number.borrow_mut();
        *n += 1;
        // The case before goes, so the ledger stays the size of one case however many run.
        if let Some((user, categories)) = last.borrow_mut().take() {
            store
                .delete_user(user, true)
                .expect("the last case's user goes");
            for category in categories {
                // A category merged away is gone already.
                let _ = store.remove_category(category);
            }
        }
        let mut case = Case::new(store, *n);
        *last.borrow_mut() = Some((case.user, case.categories.clone()));
        let mut model = Model::new(CATEGORIES);
        for op in &ops {
            apply(store, &mut case, &mut model, op)?;
        }
        for month in (FIRST..=LAST).rev() {
            check_month(store, &case, &model, month)?;
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{engine:?}: {failure}");
    }
}

#[test]
fn budgets_and_alerts_are_the_models_in_any_order_on_every_engine() {
    for engine in engines() {
        run_on(&engine);
    }
}
