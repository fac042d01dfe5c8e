//! Preferences from the config file as the app shows them: the date format in the list,
//! a palette's colours, and extra keys through the real keymap.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use smart_spending_tracker::app::{Action, App, AppConfig, Mode};
use smart_spending_tracker::domain::{DateStyle, Grouping};
use smart_spending_tracker::keys::KeyMap;
use smart_spending_tracker::ui::{self, Palette, Theme};

use crate::support::{may_2025, sample_store, screen_text, today};

fn app_with_dates(style: DateStyle) -> App {
    let config = AppConfig {
        user: None,
        month: Some(may_2025()),
        today: today(),
        export_dir: std::env::temp_dir(),
        grouping: Grouping::default(),
        decimal: None,
        date_style: style,
    };
    App::new(sample_store(), config).expect("app opens")
}

#[test]
fn the_list_writes_whole_dates_in_the_chosen_format() {
    for (style, shown) in [
        (DateStyle::Iso, "2025-05-09"),
        (DateStyle::DayFirst, "09/05/2025"),
        (DateStyle::MonthFirst, "05/09/2025"),
    ] {
        let screen = screen_text(&app_with_dates(style), 120, 40);
        assert!(
            screen.contains(&format!("{shown} Food")),
            "{style}:\n{screen}"
        );
    }
}

#[test]
fn a_palette_colours_the_screen() {
    let app = app_with_dates(DateStyle::Iso);
    let mut light = Palette::LIGHT;
    light.title = ratatui::style::Color::Rgb(1, 2, 3);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    terminal
        .draw(|frame| {
            ui::draw(frame, app.view(), Theme::with_palette(light));
        })
        .expect("draw");
    let cells = terminal.backend().buffer().content();
    assert!(
        cells
            .iter()
            .any(|c| c.fg == ratatui::style::Color::Rgb(1, 2, 3)),
        "the title's colour"
    );
    assert!(
        !cells.iter().any(|c| c.fg == ratatui::style::Color::Cyan),
        "nothing of the dark palette's cyan is left"
    );
}

#[test]
fn an_extra_key_drives_the_app() {
    let mut keys = KeyMap::default();
    keys.bind("next-month", "ctrl-n").expect("free");
    let mut app = app_with_dates(DateStyle::Iso);
    assert_eq!(app.view().mode(), Mode::List);
    let event = Event::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    let action = keys
        .action_for_event(app.view().mode(), &event)
        .expect("ctrl-n is bound");
    assert_eq!(action, Action::NextMonth);
    app.update(action);
    assert_eq!(app.view().month.to_string(), "2025-06");
}
