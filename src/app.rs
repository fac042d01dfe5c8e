//! The app: `App` is the machinery (the store, the undo history, what was last loaded) and
//! holds an `AppView`, the state the screen is drawn from. Actions change state in
//! `App::update` only; the store does every write, each in one transaction with its check.

mod action;
mod budget_dialog;
mod dialog_actions;
mod dialogs;
mod expense_form;
mod history;
mod import_dialog;
mod list_window;
mod mode;
mod month_view;
mod recurring_dialog;
mod text_field;
mod update;
mod view;
mod words;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::{DateStyle, DecimalMark, ExpenseId, Grouping, Month};
use crate::store::{ListQuery, ListScope, Store, StoreResult};

pub use action::Action;
pub use dialogs::{BudgetForm, CategoryManager, Confirm, Modal, NewCategoryForm, Pending, Picker};
pub use expense_form::{Agreed, ExpenseForm, Field};
pub use history::{Change, Direction, History};
pub use import_dialog::{ImportDialog, Preview, complete_path};
pub use list_window::ListWindow;
pub use mode::Mode;
pub use month_view::{MonthView, TREND_MONTHS};
pub use recurring_dialog::{RecurringForm, RecurringManager};
pub use text_field::TextField;
pub use view::{AppView, Filter, FilterScope, Pane, Screen, Status, Tone};

/// How the app starts.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// `--user`, if given.
    pub user: Option<String>,
    /// The month to open at; this month if `None`.
    pub month: Option<Month>,
    /// Today, injected so tests and snapshots are deterministic.
    pub today: NaiveDate,
    /// Where `x` and `X` write their CSV files.
    pub export_dir: PathBuf,
    /// How amounts are grouped for reading.
    pub grouping: Grouping,
    /// The decimal mark amounts are typed and shown with; `None` is the usual one of the
    /// user's currency.
    pub decimal: Option<DecimalMark>,
    /// How the list writes whole dates.
    pub date_style: DateStyle,
}

/// The app's machinery around the view.
pub struct App {
    store: Store,
    history: History,
    export_dir: PathBuf,
    /// The store's data version at the last load, to notice other processes' writes.
    data_version: i64,
    /// Counts changes to what is shown, so the runner knows when to draw.
    revision: u64,
    /// Clock ticks since the last catch-up.
    ticks_since_catch_up: u16,
    /// Where today comes from while the app stays open; `None` keeps the date it opened on.
    clock: Option<fn() -> NaiveDate>,
    view: AppView,
}

impl App {
    /// Opens the app on a store: resolves the user and loads the month.
    pub fn new(store: Store, config: AppConfig) -> StoreResult<App> {
        let user = store.resolve_user(config.user.as_deref())?;
        let month = config.month.unwrap_or_else(|| Month::of(config.today));
        let view = AppView {
            today: config.today,
            user,
            month,
            screen: Screen::Expenses,
            focus: Pane::List,
            month_view: MonthView::default(),
            categories: store.categories()?,
            list: ListWindow::default(),
            selected: 0,
            list_offset: 0,
            page_rows: update::DEFAULT_PAGE_ROWS,
            alert_selected: 0,
            filter: None,
            review: false,
            modal: None,
            status: None,
            grouping: config.grouping,
            decimal: config.decimal,
            date_style: config.date_style,
            should_quit: false,
        };
        let mut app = App {
            data_version: store.data_version()?,
            store,
            history: History::default(),
            export_dir: config.export_dir,
            revision: 0,
            ticks_since_catch_up: 0,
            clock: None,
            view,
        };
        app.reload(None)?;
        // The ledger opens whatever the catch-up met; the status line says what it was.
        if let Err(error) = app.catch_up() {
            app.set_status(
                Tone::Error,
                format!("could not bring the ledger up to today (standing budgets, recurring expenses): {error}"),
            );
        }
        Ok(app)
    }

    /// Lets today follow `clock` while the app stays open, so what falls due after midnight
    /// is posted by the next catch-up; without it, today stays the date the app opened on.
    pub fn follow_clock(&mut self, clock: fn() -> NaiveDate) {
        self.clock = Some(clock);
    }

    /// Posts the recurring expenses due by today and says so on the status line, with the
    /// first alert they fired, as an add does.
    pub(crate) fn catch_up(&mut self) -> StoreResult<()> {
        let caught = self.store.catch_up(self.view.today)?;
        if caught.posted.is_empty() {
            return Ok(());
        }
        self.reload(None)?;
        let summary = format!(
            "Posted {}",
            crate::domain::counted(
                caught.posted.len(),
                "recurring expense",
                "recurring expenses"
            )
        );
        match caught.alerts.first() {
            Some(alert) => {
                let alert = self.view.alert_text(alert);
                self.set_status(Tone::Alert, format!("{summary} · {alert}"));
            }
            None => self.set_status(Tone::Success, summary),
        }
        Ok(())
    }

    /// What the screen shows.
    pub fn view(&self) -> &AppView {
        &self.view
    }

    /// Changes whenever something shown changed.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The store, for reads in tests.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Re-reads the month from the store and keeps (or moves) the selection by expense id.
    pub(crate) fn reload(&mut self, select: Option<ExpenseId>) -> StoreResult<()> {
        let keep = select.or_else(|| self.view.selected_expense().map(|e| e.id));
        self.view.month_view = MonthView::load(&self.store, &self.view.user, self.view.month)?;
        self.view.categories = self.store.categories()?;
        self.data_version = self.store.data_version()?;
        self.revision += 1;
        if let Some(id) = keep
            && let Some(row) = self.store.list_position(&self.list_query(), id)?
        {
            self.view.selected = row;
        }
        let alerts = self.view.month_view.alerts.len();
        self.view.alert_selected = self.view.alert_selected.min(alerts.saturating_sub(1));
        self.load_list()
    }

    /// What the list shows: this user's month, narrowed by the filter.
    fn list_query(&self) -> ListQuery<'_> {
        list_query(&self.view, self.view.filter_text())
    }

    /// Counts the list again and loads the rows around the (clamped) selection.
    pub(crate) fn load_list(&mut self) -> StoreResult<()> {
        let filter = self.view.filter_text().map(str::to_string);
        let query = list_query(&self.view, filter.as_deref());
        let view = &mut self.view;
        view.list = ListWindow::load(&self.store, &query, view.selected, view.page_rows)?;
        view.selected = view.selected.min(view.list.total.saturating_sub(1));
        view.keep_selection_on_screen();
        Ok(())
    }

    /// Loads more rows if the selection moved near the edge of those held.
    pub(crate) fn follow_selection(&mut self) -> StoreResult<()> {
        let filter = self.view.filter_text().map(str::to_string);
        let query = list_query(&self.view, filter.as_deref());
        let view = &mut self.view;
        view.list
            .ensure(&self.store, &query, view.selected, view.page_rows)?;
        view.keep_selection_on_screen();
        Ok(())
    }
}

/// The list's query: the user's month, or all history while searching it, narrowed by the
/// filter's text (passed apart so it can outlive a borrow of the view).
fn list_query<'a>(view: &AppView, filter: Option<&'a str>) -> ListQuery<'a> {
    ListQuery {
        user: view.user.id,
        scope: if view.searching_history() {
            ListScope::All
        } else if view.review {
            ListScope::Uncategorised(view.month)
        } else {
            ListScope::Month(view.month)
        },
        filter: filter.unwrap_or(""),
    }
}

impl AppView {
    /// Scrolls the list the least needed for the selected row to be on screen.
    fn keep_selection_on_screen(&mut self) {
        let rows = self.page_rows.max(1);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        self.list_offset = self.list_offset.min(self.list.total.saturating_sub(rows));
    }
}
