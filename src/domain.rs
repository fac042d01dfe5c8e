//! The pure core: money, calendar, alert rules, and the ledger's records. No I/O.

mod alert_rules;
mod amount_text;
mod budget_plan;
mod calendar;
mod category_match;
mod compact;
mod date_style;
mod decimal_mark;
mod fx;
mod grouping;
mod model;
mod money;
mod month_range;
mod number_style;
mod pace;
mod plausible;
mod recurrence;
mod report;
mod status;
mod status_template;
mod text;

pub use alert_rules::{
    AlertKind, BudgetLevel, DEFAULT_WARN_PERCENT, alert_display, alert_for_change, alert_level,
    alert_message, budget_level, percent_shown, percent_used,
};
pub use amount_text::{
    Ambiguity, AmountError, Thousands, check_expense_amount, parse_amount, parse_budget,
    parse_expense_amount, parse_typed_amount, parse_typed_budget, parse_typed_expense_amount,
};
pub use budget_plan::{BudgetPlan, BudgetTerms, InEffect, MonthTerms};
pub use calendar::{DateError, Month, iso_date_bytes, parse_date};
pub use category_match::{likely_meant, matching_categories};
pub use compact::compact_amount;
pub use date_style::DateStyle;
pub use decimal_mark::DecimalMark;
pub use fx::{ExchangeRate, MAX_RATE_DECIMALS, Rate, RateError, Spent, convert};
pub use grouping::{Grouping, GroupingError};
pub use model::{
    Alert, AlertId, BudgetId, BudgetStatus, Category, CategoryId, Expense, ExpenseId, ExpensePatch,
    NewExpense, Outcome, Recurring, RecurringId, TokenId, User, UserId,
};
pub use money::{Currency, CurrencyError, MAX_INTEGER_DIGITS};
pub use month_range::{MAX_REPORT_MONTHS, MonthRange, RangeError};
pub use number_style::NumberStyle;
pub use pace::{
    Pace, budget_pace, month_end_pace, recurring_due_this_month, recurring_posted_this_month,
};
pub use plausible::{DateDoubt, EARLIEST_PLAUSIBLE, implausible_date};
pub use recurrence::{Frequency, Occurrences, Schedule, ScheduleError};
pub use report::{CategoryTotal, MonthTotal, NO_CATEGORY, Report, fill_and_roll, rolling_start};
pub use status::{MonthStatus, level_name, status_exit_code};
pub use status_template::{PLACEHOLDERS, StatusTemplate, TemplateError};
pub use text::{counted, display_width, fit_width, pad_width, printable, quoted};
