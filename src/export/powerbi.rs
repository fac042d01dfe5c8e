//! `spend export --powerbi DIR`: a star schema Power BI (or Excel) loads as it is. The
//! reference's expenses CSV, with the budgets, categories, users, alerts and a calendar
//! beside it, so the reference dashboard's KPI of spent against budget can be built.

use std::io::Write;
use std::path::Path;

use crate::domain::{CategoryId, Month, NO_CATEGORY};
use crate::store::{
    AlertRecord, BudgetRecord, ExpenseFilter, ExportScope, IfExists, Store, StoreError,
};

use super::powerbi_calendar::{Calendar, MonthSpan, write_calendar};
use super::staged::StagedSet;
use super::{CSV_HEADER, Cells, csv_error, neutralize};

/// The byte-order mark that tells Excel on Windows a CSV file is UTF-8.
pub const UTF8_BOM: &[u8] = "\u{feff}".as_bytes();

/// The bundle's files, in the order they are written.
pub const BUNDLE_FILES: [&str; 7] = [
    "expenses.csv",
    "budgets.csv",
    "categories.csv",
    "users.csv",
    "alerts.csv",
    "calendar.csv",
    "README.txt",
];

/// The id the bundle gives expenses whose category was deleted, so every expense joins.
pub const NO_CATEGORY_ID: CategoryId = CategoryId(0);

const BUDGETS_HEADER: [&str; 11] = [
    "budget_id",
    "user_id",
    "category_id",
    "category",
    "year",
    "month",
    "month_start",
    "amount",
    "carried",
    "in_effect",
    "currency",
];
const CATEGORIES_HEADER: [&str; 3] = ["category_id", "category_name", "description"];
const USERS_HEADER: [&str; 5] = ["user_id", "user_name", "email", "currency", "warn_percent"];
const ALERTS_HEADER: [&str; 14] = [
    "alert_id",
    "user_id",
    "budget_id",
    "expense_id",
    "alert_type",
    "category",
    "month",
    "month_start",
    "spent",
    "budget",
    "currency",
    "seen",
    "fired_at",
    "message",
];

/// How the bundle is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BundleOptions {
    /// Start each CSV file with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Replace the bundle's files if the directory has them already.
    pub if_exists: IfExists,
}

/// What the bundle holds, row counts per file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BundleSummary {
    pub expenses: usize,
    pub budgets: usize,
    pub categories: usize,
    pub users: usize,
    pub alerts: usize,
    /// Days in the calendar.
    pub days: usize,
    /// The days the calendar holds; `None` when there are no expenses or budgets.
    pub calendar: Option<Calendar>,
}

/// Writes the bundle into `dir` (created if missing): the expenses `filter` selects, and
/// the budgets and alerts of its user (or everyone) in the months its dates touch. Every
/// file appears complete, and none does if any of them cannot be written.
pub fn write_powerbi(
    store: &Store,
    filter: &ExpenseFilter,
    dir: &Path,
    options: BundleOptions,
) -> Result<BundleSummary, StoreError> {
    if dir.is_file() {
        return Err(StoreError::Write {
            path: dir.to_path_buf(),
            reason: "it is a file; --powerbi needs a directory".into(),
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| StoreError::Write {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    let scope = ExportScope {
        user: filter.user,
        from: filter.from.map(Month::of),
        to: filter.to.map(Month::of),
    };
    let budgets = store.budgets_in(&scope)?;
    let alerts = store.alerts_in(&scope)?;
    // The calendar spans the months the data falls in, not the filter's bounds: an open
    // `--to 9999-12-31` would otherwise stretch it over empty centuries.
    let mut span = MonthSpan::default();
    for budget in &budgets {
        span.cover(budget.month);
    }
    let mut set = StagedSet::default();
    let mut summary = BundleSummary::default();
    let file = |name: &str| dir.join(name);
    let bom = options.bom;
    let mut uncategorized = false;
    summary.expenses = set.write(&file("expenses.csv"), options.if_exists, |out| {
        expenses(store, filter, out, bom, &mut span, &mut uncategorized)
    })?;
    summary.budgets = set.write(&file("budgets.csv"), options.if_exists, |out| {
        budget_rows(&budgets, out, bom)
    })?;
    summary.categories = set.write(&file("categories.csv"), options.if_exists, |out| {
        categories(store, uncategorized, out, bom)
    })?;
    summary.users = set.write(&file("users.csv"), options.if_exists, |out| {
        users(store, filter, out, bom)
    })?;
    summary.alerts = set.write(&file("alerts.csv"), options.if_exists, |out| {
        alert_rows(&alerts, out, bom)
    })?;
    summary.calendar = span.calendar();
    summary.days = set.write(&file("calendar.csv"), options.if_exists, |out| {
        write_calendar(summary.calendar, csv_writer(out, bom)?)
    })?;
    set.write(&file("README.txt"), options.if_exists, |out| {
        Ok(out.write_all(super::powerbi_readme::text(&summary).as_bytes())?)
    })?;
    set.publish(options.if_exists)?;
    Ok(summary)
}

/// A CSV writer that starts with the byte-order mark if asked.
fn csv_writer<W: Write>(mut out: W, bom: bool) -> Result<csv::Writer<W>, StoreError> {
    if bom {
        out.write_all(UTF8_BOM)?;
    }
    Ok(csv::Writer::from_writer(out))
}

fn expenses<W: Write>(
    store: &Store,
    filter: &ExpenseFilter,
    out: W,
    bom: bool,
    span: &mut MonthSpan,
    uncategorized: &mut bool,
) -> Result<usize, StoreError> {
    let mut writer = csv_writer(out, bom)?;
    writer.write_record(CSV_HEADER).map_err(csv_error)?;
    let mut cells = Cells::default();
    let count = store.each_expense_row(filter, |row| {
        span.cover(Month::of(row.date));
        let mut row = *row;
        if row.category_id.is_none() {
            *uncategorized = true;
            row.category_id = Some(NO_CATEGORY_ID);
            row.category = Some(NO_CATEGORY);
        }
        writer.write_record(cells.of(&row)).map_err(csv_error)
    })?;
    writer.flush()?;
    Ok(count)
}

fn budget_rows<W: Write>(budgets: &[BudgetRecord], out: W, bom: bool) -> Result<usize, StoreError> {
    let mut writer = csv_writer(out, bom)?;
    writer.write_record(BUDGETS_HEADER).map_err(csv_error)?;
    for b in budgets {
        writer
            .write_record([
                b.id.to_string(),
                b.user_id.to_string(),
                b.category_id.to_string(),
                neutralize(&b.category).into_owned(),
                b.month.year().to_string(),
                b.month.number().to_string(),
                b.month.first_day().to_string(),
                b.currency.format_plain(b.amount),
                b.currency.format_plain(b.carried),
                b.currency.format_plain(b.in_effect),
                b.currency.code().to_string(),
            ])
            .map_err(csv_error)?;
    }
    writer.flush()?;
    Ok(budgets.len())
}

fn categories<W: Write>(
    store: &Store,
    uncategorized: bool,
    out: W,
    bom: bool,
) -> Result<usize, StoreError> {
    let mut writer = csv_writer(out, bom)?;
    writer.write_record(CATEGORIES_HEADER).map_err(csv_error)?;
    let mut count = 0;
    if uncategorized {
        writer
            .write_record([
                NO_CATEGORY_ID.to_string().as_str(),
                NO_CATEGORY,
                "Expenses whose category was deleted",
            ])
            .map_err(csv_error)?;
        count += 1;
    }
    for c in store.categories()? {
        writer
            .write_record([
                c.id.to_string().as_str(),
                &neutralize(&c.name),
                &neutralize(c.description.as_deref().unwrap_or("")),
            ])
            .map_err(csv_error)?;
        count += 1;
    }
    writer.flush()?;
    Ok(count)
}

fn users<W: Write>(
    store: &Store,
    filter: &ExpenseFilter,
    out: W,
    bom: bool,
) -> Result<usize, StoreError> {
    let mut writer = csv_writer(out, bom)?;
    writer.write_record(USERS_HEADER).map_err(csv_error)?;
    let mut count = 0;
    for u in store.users()? {
        if filter.user.is_some_and(|only| only != u.id) {
            continue;
        }
        writer
            .write_record([
                u.id.to_string().as_str(),
                &neutralize(&u.name),
                &neutralize(&u.email),
                u.currency.code(),
                &u.warn_percent.to_string(),
            ])
            .map_err(csv_error)?;
        count += 1;
    }
    writer.flush()?;
    Ok(count)
}

fn alert_rows<W: Write>(alerts: &[AlertRecord], out: W, bom: bool) -> Result<usize, StoreError> {
    let mut writer = csv_writer(out, bom)?;
    writer.write_record(ALERTS_HEADER).map_err(csv_error)?;
    for AlertRecord {
        alert: a,
        budget_id,
    } in alerts
    {
        let money = |amount: Option<rust_decimal::Decimal>| {
            amount
                .zip(a.currency)
                .map(|(amount, c)| c.format_plain(amount))
                .unwrap_or_default()
        };
        let text = |value: Option<String>| value.unwrap_or_default();
        writer
            .write_record([
                a.id.to_string(),
                a.user_id.to_string(),
                text(budget_id.map(|id| id.to_string())),
                text(a.expense_id.map(|id| id.to_string())),
                a.kind.as_str().to_string(),
                neutralize(a.category.as_deref().unwrap_or("")).into_owned(),
                text(a.month.map(|m| m.to_string())),
                text(a.month.map(|m| m.first_day().to_string())),
                money(a.spent),
                money(a.budget),
                text(a.currency.map(|c| c.code().to_string())),
                u8::from(a.seen).to_string(),
                neutralize(&a.fired_at).into_owned(),
                neutralize(&a.message).into_owned(),
            ])
            .map_err(csv_error)?;
    }
    writer.flush()?;
    Ok(alerts.len())
}
