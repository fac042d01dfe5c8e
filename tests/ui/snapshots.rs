//! Rendered screens, compared with reviewed snapshots (`cargo insta review`).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use smart_spending_tracker::app::App;
use smart_spending_tracker::ui::{self, Theme};

use crate::support::{press, sample_app, type_keys};

fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| {
            ui::draw(frame, app.view(), Theme::colored());
        })
        .expect("draw");
    terminal
}

#[test]
fn main_screen_with_the_sample() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = sample_app(dir.path());
    insta::assert_snapshot!("main_screen_120x40", render(&app, 120, 40).backend());
}

#[test]
fn main_screen_degrades_to_80x24() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = sample_app(dir.path());
    insta::assert_snapshot!("main_screen_80x24", render(&app, 80, 24).backend());
}

#[test]
fn quick_add_with_a_validation_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "12,50\tFood\t\tTea\n");
    insta::assert_snapshot!("quick_add_error", render(&app, 120, 40).backend());
}

#[test]
fn quick_add_suggests_categories() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "99\tt");
    insta::assert_snapshot!("quick_add_suggestions", render(&app, 120, 40).backend());
}

#[test]
fn help_overlay() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!("help_overlay", render(&app, 120, 40).backend());
}

#[test]
fn trends_view() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('2'));
    insta::assert_snapshot!("trends", render(&app, 120, 40).backend());
}

#[test]
fn a_foreign_expense_row_shows_what_was_spent_beside_what_it_counts() {
    use smart_spending_tracker::domain::{CategoryId, Currency, NewExpense, Rate};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = crate::support::sample_store();
    let user = store.resolve_user(None).expect("the default user");
    store
        .add_expense(&NewExpense {
            user_id: user.id,
            category_id: CategoryId(1),
            amount: "80".parse().expect("amount"),
            currency: Currency::parse("USD").expect("USD"),
            date: crate::support::today(),
            note: Some("Dinner in dollars".into()),
            rate: Some(Rate::parse("83.2").expect("rate")),
        })
        .expect("a converted dinner");
    let app = crate::support::app_on(store, dir.path());
    insta::assert_snapshot!("foreign_expense_row", render(&app, 100, 24).backend());
}

#[test]
fn empty_month_shows_how_to_add() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('l'));
    insta::assert_snapshot!("empty_month", render(&app, 100, 30).backend());
}

#[test]
fn too_small_terminal_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = sample_app(dir.path());
    insta::assert_snapshot!("too_small", render(&app, 40, 10).backend());
}

#[test]
fn exceeded_bars_are_red_and_safe_ones_green() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "2000\tShopping\n");
    let terminal = render(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    let bar_color = |label: &str| {
        let label_row = (0..buffer.area.height)
            .find(|&y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
                    .contains(label)
            })
            .expect("budget label on screen");
        let bar_row = label_row + 1;
        (0..buffer.area.width)
            .map(|x| &buffer[(x, bar_row)])
            .find(|cell| cell.symbol() == "━")
            .map(|cell| cell.fg)
            .expect("filled bar cells")
    };
    assert_eq!(bar_color("Shopping   "), Color::Red);
    assert_eq!(bar_color("Food   "), Color::Green);
}

#[test]
fn a_budget_with_nothing_left_reads_exceeded_with_a_full_red_bar() {
    use smart_spending_tracker::domain::{CategoryId, Month, UserId};
    use smart_spending_tracker::store::{BudgetChange, BudgetSpan};

    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = crate::support::sample_store();
    // April's Transport of 100.00 carries its overspend of 400.00 into May's 2,000.00 ...
    // as a debt larger than May's budget once May's own is 0.00.
    let april = Month::parse("2025-04").expect("month");
    let change = BudgetChange {
        user: UserId(1),
        category: CategoryId(2),
        span: BudgetSpan::Month(april),
        amount: rust_decimal::Decimal::new(100, 0),
        rollover: Some(true),
        carry_overspending: Some(true),
    };
    store.change_budget(&change, april).expect("set April");
    store
        .set_budget(
            UserId(1),
            CategoryId(2),
            crate::support::may_2025(),
            rust_decimal::Decimal::ZERO,
        )
        .expect("May's Transport at 0.00");
    let new = smart_spending_tracker::domain::NewExpense {
        user_id: UserId(1),
        category_id: CategoryId(2),
        amount: rust_decimal::Decimal::new(500, 0),
        currency: smart_spending_tracker::domain::Currency::INR,
        date: chrono::NaiveDate::from_ymd_opt(2025, 4, 10).expect("date"),
        note: None,
        rate: None,
    };
    store.add_expense(&new).expect("April's taxi");
    let app = crate::support::app_on(store, dir.path());
    let terminal = render(&app, 120, 40);
    let screen = crate::support::screen_text(&app, 120, 40);
    assert!(
        screen.contains("150.00 / 0.00 - 400.00 carried  over"),
        "{screen}"
    );
    let buffer = terminal.backend().buffer();
    let label_row = (0..buffer.area.height)
        .find(|&y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("Transport")
        })
        .expect("Transport on screen");
    let bar: Vec<_> = (0..buffer.area.width)
        .map(|x| &buffer[(x, label_row + 1)])
        .filter(|cell| cell.symbol() == "━" || cell.symbol() == "─")
        .collect();
    assert!(
        bar.iter()
            .all(|cell| cell.symbol() == "━" && cell.fg == Color::Red),
        "a full red bar"
    );
}

#[test]
fn stored_escape_sequences_never_reach_the_screen_raw() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "5\tFood\t\t");
    app.update(smart_spending_tracker::app::Action::Paste(
        "\u{1b}[2Jwipe".into(),
    ));
    type_keys(&mut app, "\n");
    let screen = render(&app, 120, 40).backend().to_string();
    assert!(!screen.contains('\u{1b}'), "no raw escape on screen");
    assert!(screen.contains("\\u{1b}[2Jwipe"), "shown escaped");
}

/// Keys that bring the app to a screen worth a snapshot.
type Setup = fn(&mut App);

/// Screens that had no snapshot: each dialog, the alerts pane in use and the filter bar.
fn screens() -> Vec<(&'static str, Setup)> {
    vec![
        ("alerts_pane", |app| {
            press(app, KeyCode::Char('b'));
            type_keys(app, "100\n");
            press(app, KeyCode::Char('a'));
            type_keys(app, "5500\tFood\n");
            press(app, KeyCode::Tab);
            press(app, KeyCode::Char('j'));
        }),
        ("confirm_delete", |app| press(app, KeyCode::Char('d'))),
        ("help", |app| press(app, KeyCode::Char('?'))),
        ("budget_dialog", |app| press(app, KeyCode::Char('b'))),
        ("edit_dialog", |app| press(app, KeyCode::Char('e'))),
        ("user_picker", |app| press(app, KeyCode::Char('U'))),
        ("category_manager", |app| {
            press(app, KeyCode::Char('c'));
            press(app, KeyCode::Char('n'));
            type_keys(app, "Groceries\tSupermarket");
        }),
        ("recurring_manager", |app| {
            press(app, KeyCode::Char('r'));
            press(app, KeyCode::Char('n'));
            type_keys(app, "1500\tFood\tmonth\t25\t\t\tveg box\n");
            press(app, KeyCode::Char('n'));
            type_keys(app, "15000\tRent\tmonth\t31");
        }),
        ("filter_bar", |app| {
            press(app, KeyCode::Char('/'));
            type_keys(app, "food");
        }),
    ]
}

#[test]
fn every_dialog_and_pane_at_80x24_and_120x40() {
    for (name, setup) in screens() {
        for (width, height) in [(80, 24), (120, 40)] {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut app = sample_app(dir.path());
            setup(&mut app);
            insta::assert_snapshot!(
                format!("{name}_{width}x{height}"),
                render(&app, width, height).backend()
            );
        }
    }
}

#[test]
fn the_plain_theme_draws_no_colour() {
    for (width, height) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = sample_app(dir.path());
        press(&mut app, KeyCode::Char('a'));
        type_keys(&mut app, "2000\tShopping\n");
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        terminal
            .draw(|frame| {
                ui::draw(frame, app.view(), Theme::plain());
            })
            .expect("draw");
        let buffer = terminal.backend().buffer();
        assert!(
            buffer
                .content()
                .iter()
                .all(|cell| cell.fg == Color::Reset && cell.bg == Color::Reset),
            "no cell has a colour"
        );
        // Text with its emphasis runs (bold, dim, reversed), which carry the meaning.
        insta::assert_debug_snapshot!(format!("plain_theme_{width}x{height}"), buffer);
    }
}

#[test]
fn the_readme_screen_capture_is_what_the_app_draws() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "2000\tShop\t\t\tConcert tickets\n");
    press(&mut app, KeyCode::Char('k'));
    let screen = crate::support::screen_text(&app, 104, 26);
    let mut drawn: Vec<&str> = screen.lines().map(str::trim_end).collect();
    // The empty status line under the keys ends the capture.
    while drawn.last().is_some_and(|line| line.is_empty()) {
        drawn.pop();
    }
    let readme = include_str!("../../README.md");
    let start = readme.find("```\n Spend").expect("a capture in the README") + 4;
    let end = start + readme[start..].find("```").expect("the capture ends");
    let captured: Vec<&str> = readme[start..end].lines().map(str::trim_end).collect();
    assert_eq!(
        captured, drawn,
        "README.md's screen capture differs from the app"
    );
}

#[test]
fn the_import_dialog_previews_a_statement_at_80x24_and_120x40() {
    for (width, height) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = sample_app(dir.path());
        press(&mut app, KeyCode::Char('i'));
        insta::assert_snapshot!(
            format!("import_empty_{width}x{height}"),
            render(&app, width, height).backend()
        );
        // A path relative to the package, so the screen is the same on every machine.
        type_keys(&mut app, "tests/ui/fixtures/statement.csv\n");
        insta::assert_snapshot!(
            format!("import_preview_{width}x{height}"),
            render(&app, width, height).backend()
        );
    }
}

#[test]
fn an_uncategorised_row_is_marked_in_the_warning_colour() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = crate::support::app_on(
        crate::support::store_with_an_uncategorised_row(),
        dir.path(),
    );
    // Off the row, whose selection would draw it reversed.
    press(&mut app, KeyCode::Char('j'));
    let terminal = render(&app, 120, 40);
    insta::assert_snapshot!("uncategorised_row_120x40", terminal.backend());
    let buffer = terminal.backend().buffer();
    let width = buffer.area.width;
    let (x, y) = (0..buffer.area.height)
        .find_map(|y| {
            let line: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
            let at = line.find("? none")?;
            let x = line[..at].chars().count();
            Some((u16::try_from(x).ok()?, y))
        })
        .expect("the marker is drawn");
    let warning = Theme::colored().warning().fg.expect("a warning colour");
    for offset in 0..6 {
        assert_eq!(buffer[(x + offset, y)].fg, warning, "in the warning colour");
    }
}

#[test]
fn a_bar_with_rollover_shows_what_was_carried() {
    use smart_spending_tracker::domain::{CategoryId, Month, UserId};
    use smart_spending_tracker::store::{BudgetChange, BudgetSpan};

    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = crate::support::sample_store();
    // April's 1,200.00 for Food rolls over unspent into May's 8,000.00.
    let april = Month::parse("2025-04").expect("month");
    let change = BudgetChange {
        user: UserId(1),
        category: CategoryId(1),
        span: BudgetSpan::Month(april),
        amount: rust_decimal::Decimal::new(1200, 0),
        rollover: Some(true),
        carry_overspending: None,
    };
    store.change_budget(&change, april).expect("set April");
    let app = crate::support::app_on(store, dir.path());
    // The budget pane is too narrow at 120 columns for the name beside the carry, so the
    // carry takes a line of its own; at 160 it fits on the first.
    let screen = crate::support::screen_text(&app, 120, 40);
    assert!(
        screen.contains("Food                   1,450.00 / 9,200.00   16%")
            && screen.contains("  8,000.00 + 1,200.00 carried"),
        "{screen}"
    );
    let wide = crate::support::screen_text(&app, 160, 40);
    assert!(
        wide.lines().any(|line| line.contains("│ Food ")
            && line.contains(" 1,450.00 / 8,000.00 + 1,200.00 carried   16% │")),
        "{wide}"
    );
    insta::assert_snapshot!("rollover_bar_120x40", render(&app, 120, 40).backend());
}
