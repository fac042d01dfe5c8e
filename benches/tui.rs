//! The app's in-process costs at 10k and 1M expenses: opening on the last month and drawing
//! the first frame, and each keypress (month switch, scroll, live filter) with its redraw,
//! all into a 120x40 `TestBackend`.

#[allow(dead_code)] // not every helper is used by every benchmark
mod common {
    pub mod data;
}

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use smart_spending_tracker::app::{Action, App, AppConfig};
use smart_spending_tracker::domain::Month;
use smart_spending_tracker::store::Store;
use smart_spending_tracker::ui::{Theme, draw};
use tui_input::InputRequest;

use common::data::{dataset, generate, label, sizes};

fn config() -> AppConfig {
    AppConfig {
        grouping: smart_spending_tracker::domain::Grouping::default(),
        decimal: None,
        date_style: smart_spending_tracker::domain::DateStyle::Iso,
        user: Some(dataset::USERS[0].1.into()),
        month: Some(Month::parse(dataset::LAST_MONTH).expect("month")),
        today: NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"),
        export_dir: std::env::temp_dir(),
    }
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).expect("terminal")
}

fn redraw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| {
            draw(frame, app.view(), Theme::colored());
        })
        .expect("draw");
}

fn app_benches(c: &mut Criterion) {
    for count in sizes() {
        let data = generate(count);
        let mut group = c.benchmark_group(format!("tui_{}", label(count)));
        group.measurement_time(Duration::from_secs(8));

        group.bench_function("open_and_first_draw", |b| {
            b.iter(|| {
                let store = data.open();
                let app = App::new(store, config()).expect("app");
                let mut terminal = terminal();
                redraw(&mut terminal, &app);
                app
            });
        });

        let store: Store = data.open();
        let mut app = App::new(store, config()).expect("app");
        let mut terminal = terminal();
        redraw(&mut terminal, &app);

        // Back and forth between the last two months, so every switch loads a month.
        let mut forward = false;
        group.bench_function("month_switch_and_draw", |b| {
            b.iter(|| {
                app.update(if forward {
                    Action::NextMonth
                } else {
                    Action::PreviousMonth
                });
                forward = !forward;
                redraw(&mut terminal, &app);
            });
        });
        if forward {
            app.update(Action::NextMonth);
        }

        // Down the month's list and back up, one row per keypress.
        let mut down = true;
        group.bench_function("scroll_and_draw", |b| {
            b.iter(|| {
                let before = app.view().selected;
                app.update(if down { Action::Down } else { Action::Up });
                if app.view().selected == before {
                    down = !down;
                }
                redraw(&mut terminal, &app);
            });
        });
        app.update(Action::Top);

        // Typing the first letter of a filter; clearing it again is not timed.
        group.bench_function("filter_keypress_and_draw", |b| {
            b.iter_custom(|iterations| {
                let mut spent = Duration::ZERO;
                for _ in 0..iterations {
                    let started = Instant::now();
                    app.update(Action::StartFilter);
                    app.update(Action::EditText(InputRequest::InsertChar('a')));
                    redraw(&mut terminal, &app);
                    spent += started.elapsed();
                    app.update(Action::Cancel);
                }
                spent
            });
        });
        group.finish();
    }
}

criterion_group!(benches, app_benches);
criterion_main!(benches);
