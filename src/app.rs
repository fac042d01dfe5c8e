//! The app state: pure data and the actions that change it. No terminal here; the store does
//! every write, each in one transaction with its budget check.

mod action;
mod dialog_actions;
mod dialogs;
mod expense_form;
mod history;
mod keymap;
mod list_window;
mod month_view;
mod text_field;
mod update;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::Month;
use crate::domain::{Category, Expense, ExpenseId, User};
use crate::store::{ListQuery, ListScope, Store, StoreResult};

pub use action::Action;
pub use dialogs::{BudgetForm, CategoryManager, Confirm, Modal, Pending, Picker};
pub use expense_form::{ExpenseForm, Field};
pub use history::{Change, History};
pub use keymap::{Mode, action_for_event};
pub use list_window::ListWindow;
pub use month_view::{MonthView, TREND_MONTHS};
pub use text_field::TextField;

/// Which full screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Expenses,
    Trends,
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
}

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
}

/// The live filter on the expense list.
#[derive(Debug, Clone)]
pub struct Filter {
    pub field: TextField,
    /// True while keys go to the filter text.
    pub typing: bool,
}

/// Everything the screens show and the actions change.
pub struct App {
    pub(crate) store: Store,
    pub today: NaiveDate,
    pub user: User,
    pub month: Month,
    pub screen: Screen,
    pub view: MonthView,
    pub categories: Vec<Category>,
    /// The month's expenses that pass the filter, newest first, loaded around the selection.
    pub list: ListWindow,
    /// List index of the selected row.
    pub selected: usize,
    /// First list row on screen, kept between frames so scrolling feels steady.
    pub list_offset: std::cell::Cell<usize>,
    pub filter: Option<Filter>,
    /// Dialogs, the top one receiving keys.
    pub modals: Vec<Modal>,
    pub status: Option<Status>,
    pub history: History,
    pub export_dir: PathBuf,
    /// Rows a page key moves: the list's height, set by the runner.
    pub page_rows: usize,
    pub should_quit: bool,
    /// The store's data version at the last load, to notice other processes' writes.
    data_version: i64,
    /// Counts loads, so the runner knows when a tick changed what is shown.
    loads: u64,
}

impl App {
    /// Opens the app on a store: resolves the user and loads the month.
    pub fn new(store: Store, config: AppConfig) -> StoreResult<App> {
        let user = store.resolve_user(config.user.as_deref())?;
        let month = config.month.unwrap_or_else(|| Month::of(config.today));
        let mut app = App {
            data_version: store.data_version()?,
            categories: store.categories()?,
            view: MonthView::default(),
            store,
            today: config.today,
            user,
            month,
            screen: Screen::Expenses,
            list: ListWindow::default(),
            selected: 0,
            list_offset: std::cell::Cell::new(0),
            filter: None,
            modals: Vec::new(),
            status: None,
            history: History::default(),
            export_dir: config.export_dir,
            page_rows: update::DEFAULT_PAGE_ROWS,
            should_quit: false,
            loads: 0,
        };
        app.reload(None)?;
        Ok(app)
    }

    /// Re-reads the month from the store and keeps (or moves) the selection by expense id.
    pub fn reload(&mut self, select: Option<ExpenseId>) -> StoreResult<()> {
        let keep = select.or_else(|| self.selected_expense().map(|e| e.id));
        self.view = MonthView::load(&self.store, &self.user, self.month)?;
        self.categories = self.store.categories()?;
        self.data_version = self.store.data_version()?;
        self.loads += 1;
        if let Some(id) = keep
            && let Some(row) = self.store.list_position(&self.list_query(), id)?
        {
            self.selected = row;
        }
        self.load_list()
    }

    /// What the list shows: this user's month, narrowed by the filter.
    pub fn list_query(&self) -> ListQuery<'_> {
        list_query(&self.user, self.month, self.filter.as_ref())
    }

    /// Counts the list again and loads the rows around the (clamped) selection.
    pub(crate) fn load_list(&mut self) -> StoreResult<()> {
        self.list = ListWindow::load(
            &self.store,
            &self.list_query(),
            self.selected,
            self.page_rows,
        )?;
        self.selected = self.selected.min(self.list.total.saturating_sub(1));
        Ok(())
    }

    /// Loads more rows if the selection moved near the edge of those held.
    pub(crate) fn follow_selection(&mut self) -> StoreResult<()> {
        let query = list_query(&self.user, self.month, self.filter.as_ref());
        self.list
            .ensure(&self.store, &query, self.selected, self.page_rows)
    }

    /// The expense under the selection, if the list is not empty.
    pub fn selected_expense(&self) -> Option<&Expense> {
        self.list.get(self.selected)
    }

    /// What keys mean right now.
    pub fn mode(&self) -> Mode {
        match self.modals.last() {
            Some(Modal::Expense(_) | Modal::Budget(_)) => Mode::Form,
            Some(Modal::Confirm(_)) => Mode::Confirm,
            Some(Modal::Help) => Mode::Help,
            Some(Modal::Users(_)) => Mode::Picker,
            Some(Modal::Categories(manager)) if manager.new_name.is_some() => Mode::Form,
            Some(Modal::Categories(_)) => Mode::Categories,
            None if self.filter.as_ref().is_some_and(|f| f.typing) => Mode::Filter,
            None => Mode::Normal,
        }
    }

    pub(crate) fn set_status(&mut self, tone: Tone, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone,
        });
    }

    /// Changes whenever the data shown was reloaded.
    pub fn view_version(&self) -> u64 {
        self.loads
    }

    /// The store, for reads in tests.
    pub fn store(&self) -> &Store {
        &self.store
    }
}

/// The list's query from the parts of the state it depends on.
fn list_query<'a>(user: &User, month: Month, filter: Option<&'a Filter>) -> ListQuery<'a> {
    ListQuery {
        user: user.id,
        scope: ListScope::Month(month),
        filter: filter.map_or("", |f| f.field.value()),
    }
}
