//! `AppView`: everything the screen reads, and nothing that can reach the database.

use chrono::NaiveDate;

use rust_decimal::Decimal;

use crate::domain::{
    Alert, Category, Currency, DateStyle, DecimalMark, Expense, Grouping, Month, NumberStyle, User,
    alert_display, compact_amount,
};
use crate::store::MIN_SEARCH_CHARS;

use super::{ListWindow, Modal, MonthView, TextField};

/// Which full screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Expenses,
    Trends,
}

/// Which pane of the expenses screen takes the list keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The expense list.
    List,
    /// The alerts pane.
    Alerts,
}

/// How the status line should read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Alert,
    Error,
}

/// The line under the keys: the result of the last action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
    /// Clock ticks left before the line clears itself.
    pub ticks_left: u16,
}

/// What the filter searches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FilterScope {
    /// The month shown (`/`).
    #[default]
    Month,
    /// All of the user's history (`Ctrl-f`).
    AllHistory,
}

/// The live filter on the expense list.
#[derive(Debug, Clone)]
pub struct Filter {
    pub field: TextField,
    /// True while keys go to the filter text.
    pub typing: bool,
    pub scope: FilterScope,
}

impl Filter {
    pub fn new(scope: FilterScope) -> Filter {
        Filter {
            field: TextField::new("Filter", ""),
            typing: true,
            scope,
        }
    }

    /// The text the rows must contain, trimmed; empty for none.
    pub fn text(&self) -> &str {
        self.field.value().trim()
    }
}

/// The state every screen is drawn from.
#[derive(Debug, Clone)]
pub struct AppView {
    /// Today, injected so tests and snapshots are deterministic.
    pub today: NaiveDate,
    pub user: User,
    pub month: Month,
    pub screen: Screen,
    pub focus: Pane,
    /// The month's totals, budgets, alerts and trend.
    pub month_view: MonthView,
    pub categories: Vec<Category>,
    /// The rows of the list, held as a window around the selection.
    pub list: ListWindow,
    /// List index of the selected row.
    pub selected: usize,
    /// List index of the first row on screen.
    pub list_offset: usize,
    /// Rows the list shows at once, as the last frame laid it out.
    pub page_rows: usize,
    /// Index of the selected alert in the alerts pane.
    pub alert_selected: usize,
    pub filter: Option<Filter>,
    /// The month's list shows only rows without a category, to review them.
    pub review: bool,
    /// The dialog over the screen, receiving keys.
    pub modal: Option<Modal>,
    pub status: Option<Status>,
    /// How amounts are grouped for reading.
    pub grouping: Grouping,
    /// The decimal mark chosen in the config; `None` is the usual one of the user's currency.
    pub decimal: Option<DecimalMark>,
    /// How the list writes whole dates.
    pub date_style: DateStyle,
    pub should_quit: bool,
}

impl AppView {
    /// How the user shown types and reads numbers; it follows a switch of user.
    pub fn numbers(&self) -> NumberStyle {
        NumberStyle::for_books_in(self.grouping, self.decimal, self.user.currency)
    }

    /// An amount in the user's currency, grouped for reading: `1,450.00` or `1,00,000.00`.
    pub fn money(&self, amount: Decimal) -> String {
        self.money_in(self.user.currency, amount)
    }

    /// An amount in a given currency, grouped for reading.
    pub fn money_in(&self, currency: Currency, amount: Decimal) -> String {
        currency.format_grouped_as(amount, self.numbers())
    }

    /// An expense's amount as it counts; a converted one shows what was spent first, so the
    /// counted figures stay right-aligned in one column: `USD 80.00 = 6,656.00`.
    pub fn amount_text(&self, e: &Expense) -> String {
        let amount = self.money_in(e.currency, e.amount);
        let counted = if e.currency == self.user.currency {
            amount
        } else {
            format!("{} {amount}", e.currency)
        };
        match &e.foreign {
            Some(spent) => format!(
                "{} {} = {counted}",
                spent.currency,
                self.money_in(spent.currency, spent.amount)
            ),
            None => counted,
        }
    }

    /// An amount in short form for a tight column: `4.8k`, or `4,8k` with a decimal comma.
    pub fn compact_money(&self, amount: Decimal) -> String {
        self.numbers().decimal.write(&compact_amount(amount))
    }

    /// A count grouped for reading: `1,000`.
    pub fn count_text(&self, count: usize) -> String {
        self.numbers()
            .whole(u64::try_from(count).unwrap_or(u64::MAX))
    }

    /// An alert as the alerts pane shows it, figures grouped.
    pub fn alert_text(&self, alert: &Alert) -> String {
        alert_display(alert, self.numbers())
    }

    /// The expense under the selection, if the list is not empty.
    pub fn selected_expense(&self) -> Option<&Expense> {
        self.list.get(self.selected)
    }

    /// Whether the list shows all of history rather than the month.
    pub fn searching_history(&self) -> bool {
        self.filter
            .as_ref()
            .is_some_and(|f| f.scope == FilterScope::AllHistory)
    }

    /// Characters still to type before all history can be searched; 0 when none.
    pub fn search_chars_missing(&self) -> usize {
        let typed = self.filter.as_ref().map_or(0, |f| f.text().chars().count());
        if self.searching_history() && typed > 0 && typed < MIN_SEARCH_CHARS {
            MIN_SEARCH_CHARS - typed
        } else {
            0
        }
    }

    /// The filter's text when it narrows the list.
    pub fn filter_text(&self) -> Option<&str> {
        self.filter
            .as_ref()
            .map(Filter::text)
            .filter(|text| !text.is_empty())
    }
}
