//! `/api/expenses`: add (the reference's endpoint, group-committed), list newest first with
//! keyset pages, read, change and delete.

use std::sync::Arc;

use axum::Extension;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::value::RawValue;
use utoipa::{IntoParams, ToSchema};

use crate::domain::{Currency, Expense, ExpenseId, ExpensePatch, NewExpense, UserId};
use crate::store::{ExpenseOrder, ExpenseSelection, Store, StoreError, StoreResult};

use super::AppState;
use super::auth::Caller;
use super::body::{JsonBody, QueryOf, exchange_rate, expense_amount, given};
use super::dates::{days, expense_date, iso_date};
use super::error::{ApiError, ErrorBody};
use super::shapes::{ExpenseOut, ExpensePage, ExpenseWritten};

/// Rows a page holds unless `limit` says otherwise, and the most it may say.
const DEFAULT_PAGE: usize = 100;
const MAX_PAGE: usize = 1_000;

/// An expense to record, as the reference's sample request sends it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewExpenseBody {
    /// The user; by default the token's own (or the ledger's default user).
    pub user_id: Option<i64>,
    /// The category by id…
    pub category_id: Option<i64>,
    /// …or by name, matched in any case.
    pub category: Option<String>,
    /// A JSON number or a string, read exactly: `350.50` is stored as 350.50.
    #[schema(value_type = f64, example = 350.50, exclusive_minimum = 0)]
    pub amount: Box<RawValue>,
    /// ISO 4217 code; the user's currency by default. An amount in another currency is
    /// converted to the user's at `rate`, or the ledger's rate of `date` or the latest
    /// earlier one; with neither, the expense is refused.
    pub currency: Option<String>,
    /// Units of the user's currency per 1 of `currency`, exact with at most 10 decimals:
    /// a JSON number or a string, kept with the expense.
    #[schema(value_type = Option<f64>, example = 83.25, exclusive_minimum = 0)]
    pub rate: Option<Box<RawValue>>,
    /// `YYYY-MM-DD`, from 1970-01-01 to a year after today unless `confirm` is `true`.
    #[schema(example = "2025-05-15", format = Date)]
    pub date: String,
    pub note: Option<String>,
    /// `true` records a date before 1970 or more than a year after today, which is
    /// otherwise refused with 400 as a likely typo (the command line's `--yes`).
    #[serde(default)]
    pub confirm: bool,
}

/// The fields of an expense to change; the ones left out keep their value.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ExpensePatchBody {
    #[schema(value_type = Option<f64>, exclusive_minimum = 0)]
    pub amount: Option<Box<RawValue>>,
    pub category_id: Option<i64>,
    pub category: Option<String>,
    /// `YYYY-MM-DD`, from 1970-01-01 to a year after today unless `confirm` is `true`.
    #[schema(format = Date)]
    pub date: Option<String>,
    /// `null` clears the note.
    #[serde(default, deserialize_with = "present")]
    #[allow(clippy::option_option)] // Left out, null, or a note: three different requests.
    #[schema(value_type = Option<String>)]
    pub note: Option<Option<String>>,
    /// `true` moves the expense to a date before 1970 or more than a year after today,
    /// which is otherwise refused with 400 as a likely typo (the command line's `--yes`).
    #[serde(default)]
    pub confirm: bool,
}

/// A field that is there, even as `null`, as opposed to left out.
#[allow(clippy::option_option)]
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// Which expenses to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExpenseQuery {
    /// The user; by default the token's own.
    pub user_id: Option<i64>,
    /// A calendar month, `YYYY-MM`; or give `from` and `to`.
    #[param(pattern = r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$")]
    pub month: Option<String>,
    /// First day, `YYYY-MM-DD`.
    #[param(format = Date)]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    #[param(format = Date)]
    pub to: Option<String>,
    /// A category by name.
    pub category: Option<String>,
    /// Text the note or category contains, in any case.
    pub q: Option<String>,
    /// Rows per page, 1 to 1000 (100 by default).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<usize>,
    /// The `next` of the page before.
    pub after: Option<String>,
}

/// Whose expense a single-expense request means.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OwnerQuery {
    /// The expense's user; an admin may leave it out.
    pub user_id: Option<i64>,
}

/// Records an expense and runs its budget check in the same transaction.
#[utoipa::path(post, path = "/api/expenses", request_body = NewExpenseBody,
    responses(
        (status = 201, description = "Recorded, with the alerts it fired", body = ExpenseWritten),
        (status = 400, description = "A field is missing or wrong, or the date is before 1970 or more than a year ahead without `confirm`", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such user or category", body = ErrorBody),
        (status = 413, description = "Body over 64 KiB", body = ErrorBody),
        (status = 415, description = "Body not JSON", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "expenses")]
pub async fn create(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<NewExpenseBody>,
) -> Result<(StatusCode, Json<ExpenseWritten>), ApiError> {
    let date = expense_date(&state, "date", &body.date, body.confirm)?;
    let named = caller.acting_for(body.user_id)?;
    let category = CategoryRef::of(body.category_id, given(body.category))?
        .ok_or_else(|| ApiError::bad_request("give category_id, or category with a name"))?;
    let (user, category_id) = state
        .ledger
        .read(move |store| {
            let user = user_or_default(store, named)?;
            Ok((user, category.resolve(store)?))
        })
        .await?;
    let currency = match given(body.currency).as_deref() {
        Some(code) => Currency::parse(code)
            .map_err(|error| ApiError::bad_request(format!("currency: {error}")))?,
        None => user.currency,
    };
    let rate = body.rate.as_deref().map(exchange_rate).transpose()?;
    let new = NewExpense {
        rate,
        user_id: user.id,
        category_id,
        amount: expense_amount(&body.amount, currency)?,
        currency,
        date,
        note: body.note,
    };
    let outcome = state.ledger.add_expense(new).await?;
    Ok((StatusCode::CREATED, Json(ExpenseWritten::from(&outcome))))
}

/// A user's expenses, newest first, one page at a time.
#[utoipa::path(get, path = "/api/expenses", params(ExpenseQuery),
    responses(
        (status = 200, description = "A page; `next` leads to the one after", body = ExpensePage),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such user or category", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "expenses")]
pub async fn list(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    QueryOf(query): QueryOf<ExpenseQuery>,
) -> Result<Json<ExpensePage>, ApiError> {
    let named = caller.acting_for(query.user_id)?;
    let (from, to) = days(
        &state,
        query.month.as_deref(),
        query.from.as_deref(),
        query.to.as_deref(),
    )?;
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::bad_request(format!(
            "limit must be 1 to {MAX_PAGE}"
        )));
    }
    let after = query.after.as_deref().map(parse_cursor).transpose()?;
    let category = query.category;
    let search = query.q.unwrap_or_default();
    let expenses = state
        .ledger
        .read(move |store| {
            let user = user_or_default(store, named)?;
            let category = category
                .as_deref()
                .map(|name| store.find_category(name))
                .transpose()?;
            let selection = ExpenseSelection {
                from,
                to,
                category: category.map(|c| c.id),
                search: &search,
                order: ExpenseOrder::NewestFirst,
                after,
                limit: Some(limit),
                ..ExpenseSelection::all(user.id)
            };
            let mut page = Vec::with_capacity(limit);
            store.each_selected_expense(&selection, |e| {
                page.push(e.clone());
                Ok::<_, StoreError>(())
            })?;
            Ok(page)
        })
        .await?;
    let next = (expenses.len() == limit)
        .then(|| expenses.last().map(cursor))
        .flatten();
    Ok(Json(ExpensePage {
        expenses: expenses.iter().map(ExpenseOut::from).collect(),
        next,
    }))
}

/// One expense.
#[utoipa::path(get, path = "/api/expenses/{id}", params(("id" = i64, Path), OwnerQuery),
    responses(
        (status = 200, description = "The expense", body = ExpenseOut),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such expense", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "expenses")]
pub async fn read(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    QueryOf(owner): QueryOf<OwnerQuery>,
) -> Result<Json<ExpenseOut>, ApiError> {
    let named = caller.acting_for(owner.user_id)?;
    let expense = state
        .ledger
        .read(move |store| find_expense(store, named, ExpenseId(id)))
        .await?;
    Ok(Json(ExpenseOut::from(&expense)))
}

/// Changes an expense; both its old and its new month and category are checked.
#[utoipa::path(patch, path = "/api/expenses/{id}", params(("id" = i64, Path), OwnerQuery),
    request_body = ExpensePatchBody,
    responses(
        (status = 200, description = "Changed, with the alerts it fired", body = ExpenseWritten),
        (status = 400, description = "A field is wrong, or the new date is before 1970 or more than a year ahead without `confirm`", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such expense or category", body = ErrorBody),
        (status = 413, description = "Body over 64 KiB", body = ErrorBody),
        (status = 415, description = "Body not JSON", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "expenses")]
pub async fn update(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    QueryOf(owner): QueryOf<OwnerQuery>,
    JsonBody(body): JsonBody<ExpensePatchBody>,
) -> Result<Json<ExpenseWritten>, ApiError> {
    let named = caller.acting_for(owner.user_id)?;
    let date = body
        .date
        .as_deref()
        .map(|d| expense_date(&state, "date", d, body.confirm))
        .transpose()?;
    let category = CategoryRef::of(body.category_id, given(body.category))?;
    let (old, category_id) = state
        .ledger
        .read(move |store| {
            let old = find_expense(store, named, ExpenseId(id))?;
            let category = category.map(|c| c.resolve(store)).transpose()?;
            Ok((old, category))
        })
        .await?;
    let patch = ExpensePatch {
        amount: body
            .amount
            .as_deref()
            // A foreign expense's amount is in the currency it was spent in.
            .map(|raw| expense_amount(raw, old.foreign.map_or(old.currency, |s| s.currency)))
            .transpose()?,
        category_id,
        date,
        note: body.note,
    };
    let outcome = state
        .ledger
        .write(move |store| store.edit_expense(old.user_id, old.id, &patch))
        .await?;
    Ok(Json(ExpenseWritten::from(&outcome)))
}

/// Deletes an expense; the budget check runs on what is left.
#[utoipa::path(delete, path = "/api/expenses/{id}", params(("id" = i64, Path), OwnerQuery),
    responses(
        (status = 200, description = "Deleted; the expense as it was", body = ExpenseWritten),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such expense", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "expenses")]
pub async fn delete(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    QueryOf(owner): QueryOf<OwnerQuery>,
) -> Result<Json<ExpenseWritten>, ApiError> {
    let named = caller.acting_for(owner.user_id)?;
    let old = state
        .ledger
        .read(move |store| find_expense(store, named, ExpenseId(id)))
        .await?;
    let outcome = state
        .ledger
        .write(move |store| store.delete_expense(old.user_id, old.id))
        .await?;
    Ok(Json(ExpenseWritten::from(&outcome)))
}

/// A category as a request names it.
#[derive(Debug)]
pub(super) enum CategoryRef {
    Id(i64),
    Name(String),
}

impl CategoryRef {
    pub(super) fn of(
        id: Option<i64>,
        name: Option<String>,
    ) -> Result<Option<CategoryRef>, ApiError> {
        match (id, name) {
            (Some(_), Some(_)) => Err(ApiError::bad_request(
                "give category_id or category, not both",
            )),
            (Some(id), None) => Ok(Some(CategoryRef::Id(id))),
            (None, Some(name)) => Ok(Some(CategoryRef::Name(name))),
            (None, None) => Ok(None),
        }
    }

    /// The category's id. An id is taken as given: the write that uses it refuses one no
    /// category has, with `NoSuchCategory`, in its own transaction.
    pub(super) fn resolve(self, store: &Store) -> StoreResult<crate::domain::CategoryId> {
        match self {
            CategoryRef::Id(id) => Ok(crate::domain::CategoryId(id)),
            CategoryRef::Name(name) => Ok(store.find_category(&name)?.id),
        }
    }
}

/// The user a request acts for, or the ledger's default user when it names none (only a
/// server without authentication lets a request name none).
pub(super) fn user_or_default(
    store: &Store,
    user: Option<UserId>,
) -> StoreResult<crate::domain::User> {
    match user {
        Some(id) => store.user(id),
        None => store.resolve_user(None),
    }
}

/// The expense with this id of the user named; for an admin naming none, of whichever
/// user has it.
fn find_expense(store: &Store, user: Option<UserId>, id: ExpenseId) -> StoreResult<Expense> {
    if let Some(user) = user {
        return store.expense(user, id);
    }
    for user in store.users()? {
        match store.expense(user.id, id) {
            Err(StoreError::NoSuchExpense(_)) => {}
            found => return found,
        }
    }
    Err(StoreError::NoSuchExpense(id))
}

/// Where the next page starts: after this row's date and id.
fn cursor(expense: &Expense) -> String {
    format!("{}_{}", expense.date, expense.id)
}

fn parse_cursor(text: &str) -> Result<(NaiveDate, ExpenseId), ApiError> {
    let bad = || ApiError::bad_request(format!("after {text:?} is not the `next` of a page"));
    let (date, id) = text.split_once('_').ok_or_else(bad)?;
    let date = iso_date("after", date).map_err(|_| bad())?;
    let id = id.parse::<i64>().map_err(|_| bad())?;
    Ok((date, ExpenseId(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back() {
        let date = NaiveDate::from_ymd_opt(2025, 5, 9).expect("date");
        assert_eq!(parse_cursor("2025-05-09_42"), Ok((date, ExpenseId(42))));
        assert!(parse_cursor("2025-05-09").is_err());
        assert!(parse_cursor("x_1").is_err());
    }
}
