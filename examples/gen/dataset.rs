//! A deterministic, realistic spending history for benchmarks: two users, twelve categories,
//! sixty months (2021-01 to 2025-12) with a budget for every user, category and month, and
//! N expenses spread evenly over the days in date order. The same seed gives the same data.

use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use smart_spending_tracker::domain::{CategoryId, NewExpense, UserId};
use smart_spending_tracker::domain::{Currency, Month};
use smart_spending_tracker::store::{NewBudget, NewUserDefaults, Store, StoreError};

/// The first month with data; the history runs for `MONTHS` months from it.
pub const FIRST_MONTH: (i32, u32) = (2021, 1);
pub const MONTHS: u32 = 60;
/// The last month with data, where the app is opened in benchmarks.
pub const LAST_MONTH: &str = "2025-12";

/// The two users: the first is the one a new database is created with.
pub const USERS: [(&str, &str); 2] = [
    ("Aman Sharma", "aman@example.com"),
    ("Priya Patel", "priya@example.com"),
];

/// A category with how often it is spent on (relative weight), its amount range in minor
/// units, and notes people write for it.
struct CategorySpec {
    name: &'static str,
    weight: u64,
    min_minor: i64,
    max_minor: i64,
    notes: &'static [&'static str],
}

/// Twelve categories: the five a new database starts with, then seven more.
const CATEGORIES: [CategorySpec; 12] = [
    CategorySpec {
        name: "Food",
        weight: 30,
        min_minor: 4_000,
        max_minor: 90_000,
        notes: &[
            "Lunch at cafe",
            "Dinner with friends, split 3 ways",
            "Coffee",
            "Breakfast at Udupi",
            "Pizza night",
            "Office canteen",
        ],
    },
    CategorySpec {
        name: "Transport",
        weight: 18,
        min_minor: 2_000,
        max_minor: 60_000,
        notes: &[
            "Metro card top-up",
            "Auto to station",
            "Cab to airport",
            "Fuel",
            "Bus pass",
        ],
    },
    CategorySpec {
        name: "Rent",
        weight: 1,
        min_minor: 1_500_000,
        max_minor: 2_500_000,
        notes: &["Monthly rent", "Rent and maintenance"],
    },
    CategorySpec {
        name: "Shopping",
        weight: 8,
        min_minor: 20_000,
        max_minor: 600_000,
        notes: &[
            "New shoes",
            "Headphones",
            "Kurta for Diwali",
            "Phone case",
            "Bought \"Atomic Habits\"",
        ],
    },
    CategorySpec {
        name: "Entertainment",
        weight: 6,
        min_minor: 10_000,
        max_minor: 150_000,
        notes: &["Movie tickets", "Concert", "Bowling", "Game on sale"],
    },
    CategorySpec {
        name: "Groceries",
        weight: 16,
        min_minor: 10_000,
        max_minor: 400_000,
        notes: &[
            "Weekly groceries",
            "Vegetables and fruit",
            "Milk, bread, eggs",
            "Rice and dal",
        ],
    },
    CategorySpec {
        name: "Utilities",
        weight: 3,
        min_minor: 30_000,
        max_minor: 300_000,
        notes: &[
            "Electricity bill",
            "Water bill",
            "Broadband",
            "Gas cylinder",
        ],
    },
    CategorySpec {
        name: "Health",
        weight: 3,
        min_minor: 10_000,
        max_minor: 500_000,
        notes: &["Pharmacy", "Doctor visit", "Gym membership", "Lab tests"],
    },
    CategorySpec {
        name: "Education",
        weight: 2,
        min_minor: 20_000,
        max_minor: 800_000,
        notes: &["Online course", "Books", "Exam fee"],
    },
    CategorySpec {
        name: "Travel",
        weight: 2,
        min_minor: 100_000,
        max_minor: 2_000_000,
        notes: &[
            "Train tickets to Jaipur",
            "Hotel, 2 nights",
            "Flight to Goa",
        ],
    },
    CategorySpec {
        name: "Gifts",
        weight: 3,
        min_minor: 20_000,
        max_minor: 500_000,
        notes: &["Birthday gift", "Wedding gift", "Flowers"],
    },
    CategorySpec {
        name: "Subscriptions",
        weight: 8,
        min_minor: 9_900,
        max_minor: 99_900,
        notes: &[
            "Music streaming",
            "Video streaming",
            "Cloud storage",
            "News",
        ],
    },
];

/// Share of expenses recorded without a note, in percent.
const NO_NOTE_PERCENT: u64 = 12;

/// A small deterministic generator (`SplitMix64`): the data must not depend on a crate's
/// version of a random algorithm.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }
}

/// Ids of the users and categories the rows refer to.
pub struct Catalog {
    pub users: [UserId; 2],
    pub categories: Vec<CategoryId>,
}

/// What was generated, with the time the expenses took to load.
pub struct Summary {
    pub expenses: usize,
    pub budgets: usize,
    pub alerts: usize,
    pub load_time: Duration,
}

/// The first day with data and the number of days.
fn day_range() -> (NaiveDate, u64) {
    let first = Month::new(FIRST_MONTH.0, FIRST_MONTH.1).map_or(NaiveDate::MIN, Month::first_day);
    let mut last = Month::new(FIRST_MONTH.0, FIRST_MONTH.1).unwrap_or_else(|| Month::of(first));
    for _ in 0..MONTHS {
        last = last.next();
    }
    let days = u64::try_from((last.first_day() - first).num_days()).unwrap_or(1);
    (first, days)
}

/// The expenses of a history of `count` rows, in date order, lazily.
pub fn expenses(catalog: &Catalog, count: usize, seed: u64) -> impl Iterator<Item = NewExpense> {
    let (first, days) = day_range();
    let total_weight: u64 = CATEGORIES.iter().map(|c| c.weight).sum();
    let mut rng = Rng::new(seed);
    let users = catalog.users;
    let categories = catalog.categories.clone();
    let count_u64 = u64::try_from(count).unwrap_or(u64::MAX);
    (0..count_u64).map(move |index| {
        let date = first + Days::new(index * days / count_u64);
        let user = users[usize::from(rng.below(2) == 1)];
        let mut pick = rng.below(total_weight);
        let mut chosen = 0;
        for (position, spec) in CATEGORIES.iter().enumerate() {
            if pick < spec.weight {
                chosen = position;
                break;
            }
            pick -= spec.weight;
        }
        let spec = &CATEGORIES[chosen];
        let span = u64::try_from(spec.max_minor - spec.min_minor).unwrap_or(1);
        // Whole rupees mostly, as people pay; every fourth amount has paise.
        let mut minor = spec.min_minor + i64::try_from(rng.below(span)).unwrap_or(0);
        if rng.below(4) != 0 {
            minor -= minor % 100;
        }
        let note = if rng.below(100) < NO_NOTE_PERCENT {
            None
        } else {
            let choice = usize::try_from(rng.below(spec.notes.len() as u64)).unwrap_or(0);
            Some(spec.notes[choice].to_string())
        };
        NewExpense {
            rate: None,
            user_id: user,
            category_id: categories[chosen],
            amount: Currency::INR.from_minor(minor),
            currency: Currency::INR,
            date,
            note,
        }
    })
}

/// A budget per user, category and month near what the history spends there, some a little
/// under it so warnings and overruns fire as they would for real.
fn budgets(catalog: &Catalog, count: usize, seed: u64) -> Vec<NewBudget> {
    let total_weight: u64 = CATEGORIES.iter().map(|c| c.weight).sum();
    let rows_per_bucket_month = u64::try_from(count).unwrap_or(0) / 2 / u64::from(MONTHS);
    let mut rng = Rng::new(seed ^ 0x00B0_D6E7);
    let mut month = Month::new(FIRST_MONTH.0, FIRST_MONTH.1).unwrap_or(Month::of(NaiveDate::MIN));
    let mut out = Vec::new();
    for _ in 0..MONTHS {
        for &user in &catalog.users {
            for (spec, &category) in CATEGORIES.iter().zip(&catalog.categories) {
                let mean = u64::try_from(spec.min_minor + spec.max_minor).unwrap_or(0) / 2;
                let expected = rows_per_bucket_month * spec.weight * mean / total_weight;
                // 85% to 130% of the expected spend, in whole rupees, at least 100 rupees.
                let factor = 85 + rng.below(46);
                let rupees = (expected * factor / 100 / 100).max(100);
                out.push(NewBudget {
                    user_id: user,
                    category_id: category,
                    month,
                    amount: Decimal::from(rupees),
                });
            }
        }
        month = month.next();
    }
    out
}

/// The first user, as a new database is created with.
pub fn defaults() -> NewUserDefaults {
    NewUserDefaults {
        name: USERS[0].0.into(),
        email: USERS[0].1.into(),
        currency: Currency::INR,
    }
}

/// Creates a new database at `path` with the users, categories and the budgets for a
/// history of `count` expenses, but no expenses yet.
pub fn prepare(
    path: &Path,
    count: usize,
    seed: u64,
) -> Result<(Store, Catalog, usize), StoreError> {
    if path.exists() {
        return Err(StoreError::InvalidInput(format!(
            "{} exists; the generator only writes new databases",
            path.display()
        )));
    }
    prepare_in(Store::open(path, &defaults())?, count, seed)
}

/// Gives a new ledger (on either engine) the users, categories and budgets for a history
/// of `count` expenses.
pub fn prepare_in(
    mut store: Store,
    count: usize,
    seed: u64,
) -> Result<(Store, Catalog, usize), StoreError> {
    let catalog = catalog(&mut store)?;
    let alerts = store.set_budgets(&budgets(&catalog, count, seed))?.len();
    Ok((store, catalog, alerts))
}

/// Creates a new database at `path` holding the history: users, categories, budgets, then
/// `count` expenses through `Store::add_expenses` in one transaction.
pub fn create(
    path: &Path,
    count: usize,
    seed: u64,
) -> Result<(Store, Catalog, Summary), StoreError> {
    let prepared = prepare(path, count, seed)?;
    load(prepared, count, seed)
}

/// Fills a new ledger (on either engine) with the history, as `create` does a file.
pub fn create_in(
    store: Store,
    count: usize,
    seed: u64,
) -> Result<(Store, Catalog, Summary), StoreError> {
    let prepared = prepare_in(store, count, seed)?;
    load(prepared, count, seed)
}

/// Adds the expenses to a prepared ledger, timing the load.
fn load(
    (mut store, catalog, budget_alerts): (Store, Catalog, usize),
    count: usize,
    seed: u64,
) -> Result<(Store, Catalog, Summary), StoreError> {
    let started = Instant::now();
    let outcome = store.add_expenses(expenses(&catalog, count, seed))?;
    let load_time = started.elapsed();
    let summary = Summary {
        expenses: outcome.inserted,
        budgets: CATEGORIES.len() * USERS.len() * usize::try_from(MONTHS).unwrap_or(0),
        alerts: budget_alerts + outcome.alerts.len(),
        load_time,
    };
    Ok((store, catalog, summary))
}

/// The second user and the categories a new database lacks, created; every id looked up.
fn catalog(store: &mut Store) -> Result<Catalog, StoreError> {
    let first = store.resolve_user(Some(USERS[0].1))?.id;
    let second = match store.resolve_user(Some(USERS[1].1)) {
        Ok(user) => user.id,
        Err(_) => store.add_user(USERS[1].0, USERS[1].1, Currency::INR)?.id,
    };
    let mut categories = Vec::with_capacity(CATEGORIES.len());
    for spec in &CATEGORIES {
        let id = match store.find_category(spec.name) {
            Ok(found) => found.id,
            Err(_) => store.add_category(spec.name, None)?.id,
        };
        categories.push(id);
    }
    Ok(Catalog {
        users: [first, second],
        categories,
    })
}

/// Writes the same expenses as an hledger journal: one transaction per expense, the
/// category's expense account against `assets:cash`, amounts in INR.
pub fn write_journal(
    out: &mut impl Write,
    catalog: &Catalog,
    count: usize,
    seed: u64,
) -> io::Result<()> {
    writeln!(out, "; {count} expenses, seed {seed}")?;
    writeln!(out, "commodity 1,000.00 INR")?;
    for expense in expenses(catalog, count, seed) {
        let position = catalog
            .categories
            .iter()
            .position(|&c| c == expense.category_id)
            .unwrap_or(0);
        let category = CATEGORIES[position].name;
        let description = expense.note.as_deref().unwrap_or(category);
        writeln!(
            out,
            "{} {description}\n    expenses:{}  {} INR\n    assets:cash\n",
            expense.date,
            category.to_lowercase(),
            Currency::INR.format_plain(expense.amount),
        )?;
    }
    out.flush()
}
