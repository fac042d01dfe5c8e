//! The bundle's README.txt: the files, the relationships to make, and the reference
//! dashboard's measures written for these tables.

use super::powerbi::BundleSummary;
use super::powerbi_calendar::{CALENDAR_MONTHS, Calendar};

/// The README for a bundle with these counts and calendar.
pub(super) fn text(summary: &BundleSummary) -> String {
    let span = summary.calendar.map_or_else(
        || "no days: there are no expenses or budgets".to_string(),
        |c| format!("{} to {}", c.first, c.last),
    );
    format!(
        "\
Smart Spending Tracker: a Power BI bundle

FILES
Comma-separated, UTF-8 (with a byte-order mark unless written with --no-bom), a header
row first. Dates are YYYY-MM-DD and amounts carry their currency's decimals.

  expenses.csv    {expenses} rows  id,user_id,category_id,category,amount,currency,date,note
  budgets.csv     {budgets} rows  budget_id,user_id,category_id,category,year,month,
                                 month_start,amount,carried,in_effect,currency
  categories.csv  {categories} rows  category_id,category_name,description
  users.csv       {users} rows  user_id,user_name,email,currency,warn_percent
  alerts.csv      {alerts} rows  alert_id,user_id,budget_id,expense_id,alert_type,category,
                                 month,month_start,spent,budget,currency,seen,fired_at,message
  calendar.csv    {days} days, {span}
                                 date,year,month,month_start,month_name

{calendar_note}
expenses.csv is the reference design's export, row for row; an expense whose category
was deleted has category_id 0, \"(no category)\", which categories.csv lists too.
A text cell that starts with =, +, -, @, a tab or a carriage return starts with an
apostrophe, so no spreadsheet runs it as a formula.

LOAD
Home > Get data > Text/CSV, once per file. In Power Query set amount, carried,
in_effect, spent and budget to Fixed decimal number, and date and month_start to Date.

A budget that rolls over carries what was left of the month before: amount is the
month's own budget, carried what rolled into it, and in_effect their sum, the figure
spend's app, budget list, status and report hold the month to. The KPI uses in_effect.

RELATIONSHIPS (Model view; each one to many, single direction)
  categories[category_id]  1 -> *  expenses[category_id]
  categories[category_id]  1 -> *  budgets[category_id]
  users[user_id]           1 -> *  expenses[user_id]
  users[user_id]           1 -> *  budgets[user_id]
  users[user_id]           1 -> *  alerts[user_id]
  calendar[date]           1 -> *  expenses[date]
  calendar[date]           1 -> *  budgets[month_start]
Mark calendar as a date table (Table tools > Mark as date table, on date), and sort
calendar[month_name] by calendar[month_start] (Column tools > Sort by column). Power BI
may also relate alerts[budget_id] to budgets on its own; delete that one, so users filter
alerts by one path only.

MEASURES (the reference's, for these tables)
  Month         is the column calendar[month_name]: FORMAT([date], \"MMM yyyy\"), as May 2025
  TotalSpent    = CALCULATE(SUM(expenses[amount]),
                    FILTER(expenses, expenses[currency] = RELATED(users[currency])))
  BudgetAmount  = SUM(budgets[in_effect])
  BudgetCompare = DIVIDE([TotalSpent], [BudgetAmount])
TotalSpent counts expenses in their owner's own currency, as spend's budgets do; an
expense recorded in another currency counts toward no budget. Sum one currency at a time:
slice by users[currency] when users keep different ones.

VISUALS (the reference dashboard)
  Card and KPI   TotalSpent against BudgetAmount, BudgetCompare as a percentage
  Donut          legend categories[category_name], values TotalSpent
  Line           axis calendar[month_name], values TotalSpent (and BudgetAmount)
  Table          expenses date, category, amount, note
  Slicers        users[user_name], calendar[date] (between), categories[category_name]
",
        expenses = summary.expenses,
        budgets = summary.budgets,
        categories = summary.categories,
        users = summary.users,
        alerts = summary.alerts,
        days = summary.days,
        calendar_note = calendar_note(summary.calendar),
    )
}

/// What the calendar covers, and what it leaves out when the data reaches back further.
fn calendar_note(calendar: Option<Calendar>) -> String {
    let years = CALENDAR_MONTHS / 12;
    let reach = format!(
        "\
calendar.csv runs from the first day of the earliest month with an expense or budget to
the last day of the latest, at most {years} years ({CALENDAR_MONTHS} months) ending with the latest.
"
    );
    let left_out = match calendar {
        Some(Calendar {
            first,
            left_out_from: Some(earliest),
            ..
        }) => format!(
            "\
The data goes back to {earliest}, before the calendar's first day: expenses and budgets
dated before {first} have no calendar day, so Power BI shows them under (Blank) when
sliced by a calendar column. Export them on their own with --to, or correct their
dates with spend edit ID --date.
"
        ),
        _ => String::new(),
    };
    reach + &left_out
}
