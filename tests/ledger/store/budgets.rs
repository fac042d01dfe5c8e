//! Standing budgets, month overrides, ending and removing them, opening months, and rollover,
//! on every engine.

use proptest::prelude::*;
use rust_decimal::Decimal;
use smart_spending_tracker::domain::{AlertKind, BudgetStatus, CategoryId, UserId};
use smart_spending_tracker::store::{
    BudgetChange, BudgetRemoval, BudgetRemoved, BudgetSpan, Store, StoreError,
};

use crate::ledgers::{Ledger, on_every_engine};
use crate::support::{FOOD, RENT, add, inr, month};

const ME: UserId = UserId(1);

fn set(store: &mut Store, category: CategoryId, span: BudgetSpan, amount: &str, now: &str) {
    set_with(store, category, span, amount, None, now);
}

fn set_with(
    store: &mut Store,
    category: CategoryId,
    span: BudgetSpan,
    amount: &str,
    rollover: Option<bool>,
    now: &str,
) -> Vec<smart_spending_tracker::domain::Alert> {
    let change = BudgetChange {
        user: ME,
        category,
        span,
        amount: inr(amount),
        rollover,
        carry_overspending: None,
    };
    store
        .change_budget(&change, month(now))
        .expect("set the budget")
}

/// A standing or month budget that rolls over and carries an overspend as a debt.
fn set_debt(store: &mut Store, category: CategoryId, span: BudgetSpan, amount: &str, now: &str) {
    let change = BudgetChange {
        user: ME,
        category,
        span,
        amount: inr(amount),
        rollover: Some(true),
        carry_overspending: Some(true),
    };
    store
        .change_budget(&change, month(now))
        .expect("set the budget");
}

/// The category's budget in a month, as any reader reads it.
fn budget_in(store: &mut Store, category: CategoryId, at: &str) -> Option<BudgetStatus> {
    store
        .budgets_for_month(ME, month(at))
        .expect("budgets")
        .into_iter()
        .find(|b| b.category_id == category)
}

/// The budget's amount and whether it is the standing one, or `None`.
fn amount_in(store: &mut Store, category: CategoryId, at: &str) -> Option<(Decimal, bool)> {
    budget_in(store, category, at).map(|b| (b.budget, b.standing))
}

#[test]
fn a_standing_budget_holds_every_month_until_changed_and_never_rewrites_the_past() {
    on_every_engine(Ledger::empty, |mut store| {
        set(
            &mut store,
            RENT,
            BudgetSpan::From(month("2026-06")),
            "20000",
            "2026-06",
        );
        store.open_budget_months(month("2026-09")).expect("open");
        for at in ["2026-06", "2026-07", "2026-08", "2026-09", "2027-03"] {
            assert_eq!(
                amount_in(&mut store, RENT, at),
                Some((inr("20000"), true)),
                "{at}"
            );
        }
        assert_eq!(
            amount_in(&mut store, RENT, "2026-05"),
            None,
            "before it starts"
        );

        set(
            &mut store,
            RENT,
            BudgetSpan::From(month("2026-08")),
            "22000",
            "2026-08",
        );
        assert_eq!(
            amount_in(&mut store, RENT, "2026-07"),
            Some((inr("20000"), true))
        );
        assert_eq!(
            amount_in(&mut store, RENT, "2026-08"),
            Some((inr("22000"), true))
        );
        assert_eq!(
            amount_in(&mut store, RENT, "2027-03"),
            Some((inr("22000"), true))
        );

        // A month of its own keeps its amount when the standing budget changes again.
        set(
            &mut store,
            RENT,
            BudgetSpan::Month(month("2026-09")),
            "25000",
            "2026-08",
        );
        set(
            &mut store,
            RENT,
            BudgetSpan::From(month("2026-08")),
            "23000",
            "2026-08",
        );
        assert_eq!(
            amount_in(&mut store, RENT, "2026-08"),
            Some((inr("23000"), true))
        );
        assert_eq!(
            amount_in(&mut store, RENT, "2026-09"),
            Some((inr("25000"), false))
        );
        assert_eq!(
            amount_in(&mut store, RENT, "2026-10"),
            Some((inr("23000"), true))
        );

        // Dropping the month's own budget puts the standing one back.
        let (removed, _) = store
            .remove_budget(
                ME,
                RENT,
                BudgetRemoval::Month(month("2026-09")),
                month("2026-08"),
            )
            .expect("remove the override");
        assert_eq!(removed, BudgetRemoved::MonthFollowsStanding(inr("23000")));
        assert_eq!(
            amount_in(&mut store, RENT, "2026-09"),
            Some((inr("23000"), true))
        );
    });
}

#[test]
fn ending_a_standing_budget_keeps_the_months_before_and_refusals_change_nothing() {
    on_every_engine(Ledger::empty, |mut store| {
        set(
            &mut store,
            RENT,
            BudgetSpan::From(month("2026-06")),
            "20000",
            "2026-08",
        );
        set(
            &mut store,
            FOOD,
            BudgetSpan::Month(month("2026-07")),
            "900",
            "2026-08",
        );
        let before = store.snapshot();
        let now = month("2026-08");
        let standing = store.remove_budget(ME, RENT, BudgetRemoval::Month(month("2026-07")), now);
        assert!(
            matches!(standing, Err(StoreError::BudgetIsStanding { .. })),
            "{standing:?}"
        );
        let nothing = store.remove_budget(ME, FOOD, BudgetRemoval::Month(month("2026-08")), now);
        assert!(
            matches!(nothing, Err(StoreError::NoMonthBudget { .. })),
            "{nothing:?}"
        );
        let end_food = BudgetRemoval::Standing {
            from: month("2026-08"),
            all: false,
        };
        let no_standing = store.remove_budget(ME, FOOD, end_food, now);
        assert!(
            matches!(no_standing, Err(StoreError::NoStandingBudget { .. })),
            "{no_standing:?}"
        );
        assert_eq!(
            store.snapshot(),
            before,
            "a refused removal changes nothing"
        );

        let end_rent = BudgetRemoval::Standing {
            from: month("2026-08"),
            all: false,
        };
        let (ended, _) = store
            .remove_budget(ME, RENT, end_rent, now)
            .expect("end it");
        assert_eq!(
            ended,
            BudgetRemoved::StandingEnded {
                from: month("2026-08"),
                resumes: None
            }
        );
        assert_eq!(
            amount_in(&mut store, RENT, "2026-07"),
            Some((inr("20000"), true))
        );
        assert_eq!(amount_in(&mut store, RENT, "2026-08"), None);
        assert_eq!(
            amount_in(&mut store, RENT, "2027-01"),
            None,
            "a later month too"
        );
        // The month-only budget was never the standing one's to take.
        assert_eq!(
            amount_in(&mut store, FOOD, "2026-07"),
            Some((inr("900"), false))
        );
        let (cleared, _) = store
            .remove_budget(ME, FOOD, BudgetRemoval::Month(month("2026-07")), now)
            .expect("remove");
        assert_eq!(cleared, BudgetRemoved::MonthCleared);
        assert_eq!(amount_in(&mut store, FOOD, "2026-07"), None);
    });
}

#[test]
fn opening_a_month_again_or_from_a_second_connection_makes_each_row_once() {
    on_every_engine(Ledger::shared, |mut store| {
        set(
            &mut store,
            RENT,
            BudgetSpan::From(month("2026-01")),
            "20000",
            "2026-01",
        );
        set(
            &mut store,
            FOOD,
            BudgetSpan::From(month("2026-01")),
            "8000",
            "2026-01",
        );
        let rows = |store: &Ledger| store.count("SELECT count(*) FROM budgets");
        assert_eq!(rows(&store), 2);
        let mut other = store.open_again();
        // Two processes catching up after months away: every month made once.
        store.open_budget_months(month("2026-12")).expect("open");
        other
            .open_budget_months(month("2026-12"))
            .expect("open again");
        store
            .open_budget_months(month("2026-12"))
            .expect("open once more");
        assert_eq!(rows(&store), 24);
        assert_eq!(
            amount_in(&mut other, FOOD, "2026-11"),
            Some((inr("8000"), true))
        );
    });
}

#[test]
fn an_expense_in_a_month_not_yet_opened_is_checked_against_the_standing_budget() {
    on_every_engine(Ledger::empty, |mut store| {
        set(
            &mut store,
            FOOD,
            BudgetSpan::From(month("2026-11")),
            "1000",
            "2026-11",
        );
        // March 2027 has no rows until this write opens it, inside the same transaction.
        let outcome = add(&mut store, ME, FOOD, "1200", "2027-03-02");
        assert_eq!(outcome.alerts.len(), 1, "{:?}", outcome.alerts);
        assert_eq!(
            outcome.alerts[0].message,
            "Budget exceeded for Food for Mar 2027. Spent: 1200.00 / 1000.00"
        );
    });
}

#[test]
fn rollover_carries_what_is_left_and_overspending_as_a_debt_when_asked() {
    on_every_engine(Ledger::empty, |mut store| {
        let from = BudgetSpan::From(month("2026-01"));
        set_debt(&mut store, FOOD, from, "1000", "2026-01");
        add(&mut store, ME, FOOD, "300", "2026-01-10");
        store.open_budget_months(month("2026-04")).expect("open");
        // January left 700.00 for February.
        let february = budget_in(&mut store, FOOD, "2026-02").expect("February");
        assert_eq!(
            (february.carried, february.budget),
            (inr("700"), inr("1700"))
        );
        assert_eq!(february.base(), inr("1000"));
        // February overspends its 1,700.00 by 500.00; March starts 500.00 short.
        add(&mut store, ME, FOOD, "2200", "2026-02-10");
        let march = budget_in(&mut store, FOOD, "2026-03").expect("March");
        assert_eq!((march.carried, march.budget), (-inr("500"), inr("500")));
        // Nothing spent in March: April gets 500.00 carried.
        let april = budget_in(&mut store, FOOD, "2026-04").expect("April");
        assert_eq!((april.carried, april.budget), (inr("500"), inr("1500")));

        // The check uses the budget with its carry: 1,200.00 of 1,500.00 in April warns,
        // 1,600.00 exceeds, and the alert names the 1,500.00.
        let warned = add(&mut store, ME, FOOD, "1200", "2026-04-02");
        assert_eq!(warned.alerts.len(), 1);
        assert_eq!(warned.alerts[0].kind, AlertKind::BudgetWarning);
        let exceeded = add(&mut store, ME, FOOD, "400", "2026-04-03");
        assert_eq!(
            exceeded.alerts[0].message,
            "Budget exceeded for Food for Apr 2026. Spent: 1600.00 / 1500.00"
        );

        // Turning rollover off from April stops the carry into May.
        set_debt(
            &mut store,
            FOOD,
            BudgetSpan::From(month("2026-04")),
            "1000",
            "2026-04",
        );
        set_with(
            &mut store,
            FOOD,
            BudgetSpan::From(month("2026-04")),
            "1000",
            Some(false),
            "2026-04",
        );
        let may = budget_in(&mut store, FOOD, "2026-05").expect("May");
        assert_eq!((may.carried, may.budget), (Decimal::ZERO, inr("1000")));
        let april = budget_in(&mut store, FOOD, "2026-04").expect("April");
        assert_eq!(april.carried, inr("500"), "March still rolls into April");
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever the bases and the spending, the budget in effect each month equals what a
    /// person carrying the balance forward by hand gets, to the paisa.
    #[test]
    fn a_rollover_chain_is_the_bases_minus_the_spending_to_date(
        months in prop::collection::vec((0_i64..500_000, 0_i64..800_000), 1..10),
    ) {
        let mut ledger = Ledger::empty(&crate::ledgers::Engine::Sqlite);
        let store: &mut Store = &mut ledger;
        let mut at = month("2025-01");
        let mut carried = 0_i64;
        for (base, spent) in months {
            let change = BudgetChange {
                user: ME,
                category: FOOD,
                span: BudgetSpan::Month(at),
                amount: Decimal::new(base, 2),
                rollover: Some(true),
                carry_overspending: Some(true),
            };
            store.change_budget(&change, at).expect("set");
            if spent > 0 {
                let date = at.first_day().format("%Y-%m-%d").to_string();
                let amount = Decimal::new(spent, 2).to_string();
                add(store, ME, FOOD, &amount, &date);
            }
            let status = store
                .budgets_for_month(ME, at)
                .expect("budgets")
                .into_iter()
                .find(|b| b.category_id == FOOD)
                .expect("Food");
            prop_assert_eq!(status.carried, Decimal::new(carried, 2));
            prop_assert_eq!(status.budget, Decimal::new(base + carried, 2));
            carried += base - spent;
            at = at.next();
        }
    }
}

#[test]
fn merging_a_category_adds_its_standing_budget_to_every_later_month() {
    on_every_engine(Ledger::empty, |mut store| {
        let snacks = store.add_category("Snacks", None).expect("category").id;
        let cafes = store.add_category("Cafes", None).expect("category").id;
        set(
            &mut store,
            snacks,
            BudgetSpan::From(month("2026-01")),
            "500",
            "2026-01",
        );
        set(
            &mut store,
            cafes,
            BudgetSpan::From(month("2026-01")),
            "700",
            "2026-01",
        );
        set(
            &mut store,
            FOOD,
            BudgetSpan::From(month("2026-01")),
            "8000",
            "2026-01",
        );
        // Food has no standing budget of Rent's kind: Snacks' moves to Rent whole.
        store
            .merge_categories(snacks, RENT, month("2026-01"))
            .expect("merge into Rent");
        assert_eq!(
            amount_in(&mut store, RENT, "2026-04"),
            Some((inr("500"), true))
        );
        // Food has its own: every month, made or not, before the current one or after it,
        // is held to the sum of the two.
        store
            .merge_categories(cafes, FOOD, month("2026-04"))
            .expect("merge into Food");
        for at in ["2026-01", "2026-04", "2026-06", "2027-03"] {
            assert_eq!(
                amount_in(&mut store, FOOD, at),
                Some((inr("8700"), true)),
                "{at}"
            );
        }
        let standing = store.standing_budgets().expect("standing");
        assert_eq!(
            standing.iter().map(|s| s.category_id).collect::<Vec<_>>(),
            [FOOD, RENT]
        );
    });
}

#[test]
fn a_bulk_add_across_a_rollover_run_fires_what_adding_one_by_one_fires() {
    for engine in crate::ledgers::engines() {
        let mut bulk = Ledger::empty(&engine);
        let mut single = Ledger::empty(&engine);
        for store in [&mut bulk, &mut single] {
            let from = BudgetSpan::From(month("2026-01"));
            set_with(store, FOOD, from, "1000", Some(true), "2026-03");
        }
        // Out of date order, so March's budget is read before the January and February
        // spending that shrinks what rolls into it arrives.
        let rows: Vec<_> = [
            ("1500", "2026-03-02"),
            ("900", "2026-01-05"),
            ("200", "2026-03-03"),
            ("950", "2026-02-07"),
            ("300", "2026-03-04"),
            ("150", "2026-01-20"),
        ]
        .into_iter()
        .map(|(amount, date)| {
            crate::support::expense(
                ME,
                FOOD,
                amount,
                date,
                smart_spending_tracker::domain::Currency::INR,
            )
        })
        .collect();
        let outcome = bulk.add_expenses(&rows).expect("bulk");
        let mut one_by_one = Vec::new();
        for row in &rows {
            one_by_one.extend(single.add_expense(row).expect("single").alerts);
        }
        let shown = |alerts: &[smart_spending_tracker::domain::Alert]| {
            alerts
                .iter()
                .map(|a| (a.kind, a.message.clone(), a.expense_id))
                .collect::<Vec<_>>()
        };
        assert!(!one_by_one.is_empty(), "the rows cross budgets");
        assert_eq!(shown(&outcome.alerts), shown(&one_by_one));
        for at in ["2026-01", "2026-02", "2026-03"] {
            assert_eq!(
                budget_in(&mut bulk, FOOD, at),
                budget_in(&mut single, FOOD, at),
                "{engine:?} {at}"
            );
        }
    }
}
