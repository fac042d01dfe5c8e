//! Building the app on sample data and typing at it, with no terminal.

use std::path::Path;

use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use smart_spending_tracker::app::{Action, App, AppConfig};
use smart_spending_tracker::domain::Month;
use smart_spending_tracker::keys::action_for_event;
use smart_spending_tracker::store::{NewUserDefaults, Store};

/// The day the sample's month is looked at: 20 May 2025.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 5, 20).expect("valid date")
}

pub fn may_2025() -> Month {
    Month::parse("2025-05").expect("valid month")
}

/// A store in memory holding the reference sample.
pub fn sample_store() -> Store {
    let mut store = Store::open_in_memory(&NewUserDefaults::default()).expect("in-memory store");
    store.load_sample().expect("sample loads");
    store
}

/// The app on the sample, at May 2025, exporting into `export_dir`.
pub fn sample_app(export_dir: &Path) -> App {
    app_on(sample_store(), export_dir)
}

pub fn app_on(store: Store, export_dir: &Path) -> App {
    let config = AppConfig {
        grouping: smart_spending_tracker::domain::Grouping::default(),
        decimal: None,
        date_style: smart_spending_tracker::domain::DateStyle::Iso,
        user: None,
        month: Some(may_2025()),
        today: today(),
        export_dir: export_dir.to_path_buf(),
    };
    App::new(store, config).expect("app opens")
}

/// Sends one key through the real keymap.
pub fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    let event = Event::Key(KeyEvent::new(code, modifiers));
    if let Some(action) = action_for_event(app.view().mode(), &event) {
        app.update(action);
    }
}

/// Types text key by key; `\t` is Tab and `\n` is Enter.
pub fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = match c {
            '\t' => KeyCode::Tab,
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        key(app, code, KeyModifiers::NONE);
    }
}

pub fn press(app: &mut App, code: KeyCode) {
    key(app, code, KeyModifiers::NONE);
}

/// Applies an action directly (for things with no key, like a clock tick).
pub fn act(app: &mut App, action: Action) {
    app.update(action);
}

/// Count of rows in a table, read straight from the database.
pub fn count(app: &App, sql: &str) -> i64 {
    app.store()
        .connection()
        .query_row(sql, [], |row| row.get(0))
        .expect("count query")
}

/// Draws the app on a test terminal and returns the layout the frame used.
pub fn draw(app: &App, width: u16, height: u16) -> smart_spending_tracker::ui::ScreenLayout {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("test terminal");
    let mut layout = smart_spending_tracker::ui::ScreenLayout::default();
    terminal
        .draw(|frame| {
            layout = smart_spending_tracker::ui::draw(
                frame,
                app.view(),
                smart_spending_tracker::ui::Theme::colored(),
            );
        })
        .expect("draw");
    layout
}

/// The screen drawn at a size, as text, one line per row.
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("test terminal");
    terminal
        .draw(|frame| {
            smart_spending_tracker::ui::draw(
                frame,
                app.view(),
                smart_spending_tracker::ui::Theme::colored(),
            );
        })
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            // A wide character fills two cells; the second holds nothing of its own.
            while x < buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                let width = smart_spending_tracker::domain::display_width(symbol).max(1);
                x += u16::try_from(width).unwrap_or(1);
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sample with one more expense of the default user, today, imported from a statement
/// with no category: "Corner shop", 999.00.
pub fn store_with_an_uncategorised_row() -> Store {
    use rust_decimal::Decimal;
    use smart_spending_tracker::domain::{CategoryId, NewExpense};
    use smart_spending_tracker::store::StatementExpense;

    let mut store = sample_store();
    let user = store.resolve_user(None).expect("the default user");
    let row = StatementExpense {
        expense: NewExpense {
            rate: None,
            user_id: user.id,
            category_id: CategoryId(0),
            amount: Decimal::new(99_900, 2),
            currency: user.currency,
            date: today(),
            note: Some("Corner shop".into()),
        },
        category: None,
        fingerprint: "row:corner-shop".into(),
    };
    let outcome = store
        .import_statement(user.id, &[row], false)
        .expect("imports");
    assert_eq!(outcome.inserted, 1);
    store
}
