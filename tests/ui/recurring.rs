//! The recurring expenses screen (`r`) and the catch-up the app runs on opening: adding,
//! refusing, deleting, posting with an alert, and the budget pace counting what is due.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use smart_spending_tracker::app::{App, Modal, Tone};
use smart_spending_tracker::domain::{CategoryId, Frequency, Schedule, UserId};
use smart_spending_tracker::store::NewRecurring;
use smart_spending_tracker::ui::{self, Theme};

use crate::support::{app_on, count, press, sample_app, sample_store, today, type_keys};

fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| {
            ui::draw(frame, app.view(), Theme::colored());
        })
        .expect("draw");
    terminal
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

fn rules_listed(app: &App) -> usize {
    match app.view().modal.as_ref() {
        Some(Modal::Recurring(manager)) => manager.list.items.len(),
        other => panic!("the recurring screen is not open: {other:?}"),
    }
}

#[test]
fn r_lists_adds_and_deletes_recurring_expenses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(rules_listed(&app), 0);
    press(&mut app, KeyCode::Char('n'));
    // Amount, category, every, day, from (today is filled in), until, note.
    type_keys(&mut app, "15000\tRent\tmonth\t31\t\t\trent\n");
    assert_eq!(rules_listed(&app), 1);
    press(&mut app, KeyCode::Char('n'));
    type_keys(&mut app, "50\tTransport\tweek\t1\t\t2025-12-31\tbus pass\n");
    assert_eq!(rules_listed(&app), 2);
    insta::assert_snapshot!("recurring_screen", render(&app, 120, 40).backend());
    // Nothing was due yet: the 31st and the next Monday are still ahead.
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 5);

    press(&mut app, KeyCode::Char('d'));
    assert!(matches!(app.view().modal, Some(Modal::Confirm(_))));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(rules_listed(&app), 1);
    assert_eq!(count(&app, "SELECT count(*) FROM recurring"), 1);
    press(&mut app, KeyCode::Esc);
    assert!(app.view().modal.is_none());
}

#[test]
fn a_wrong_field_says_why_and_nothing_is_stored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('n'));
    type_keys(&mut app, "15000\tRent\tmonth\t32\n");
    let Some(Modal::Recurring(manager)) = app.view().modal.as_ref() else {
        panic!("the screen stays open");
    };
    let form = manager.new_rule.as_ref().expect("the form stays open");
    assert_eq!(
        form.fields[3].error.as_deref(),
        Some(
            "day 32 is not a day of the month; give 1 to 31 (a day a month lacks falls on its last day)"
        )
    );
    insta::assert_snapshot!("recurring_form_error", render(&app, 120, 40).backend());
    assert_eq!(count(&app, "SELECT count(*) FROM recurring"), 0);
}

#[test]
fn a_start_date_far_off_is_asked_about_in_the_app_not_sent_to_a_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('n'));
    // A slip of the year: the start is more than a year ahead.
    type_keys(&mut app, "499\tFood\tmonth\t1\t2027-06-01\t\tveg box\n");
    let Some(Modal::Confirm(confirm)) = app.view().modal.as_ref() else {
        panic!(
            "a question, not a refusal:\n{}",
            screen_text(&render(&app, 120, 40))
        );
    };
    assert!(!confirm.question.contains("--"), "{}", confirm.question);
    assert!(
        confirm.question.contains("2027-06-01"),
        "{}",
        confirm.question
    );
    // No goes back to the form as it was typed, and stores nothing.
    press(&mut app, KeyCode::Char('n'));
    let Some(Modal::Recurring(manager)) = app.view().modal.as_ref() else {
        panic!("back on the recurring screen");
    };
    let form = manager.new_rule.as_ref().expect("the form, as typed");
    assert_eq!(form.fields[4].value(), "2027-06-01");
    assert_eq!(count(&app, "SELECT count(*) FROM recurring"), 0);
    // Yes stores it.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(rules_listed(&app), 1);
    assert_eq!(count(&app, "SELECT count(*) FROM recurring"), 1);
}

#[test]
fn the_budget_pace_counts_what_is_still_due_this_month() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('n'));
    type_keys(
        &mut app,
        "1500\tFood\tmonth\t25\t2025-05-01\t\tgroceries box\n",
    );
    press(&mut app, KeyCode::Esc);
    let terminal = render(&app, 120, 40);
    // Food: 1,450.00 after 20 of 31 days runs to 2,247.50; the box on the 25th adds 1,500.00.
    let text = screen_text(&terminal);
    assert!(
        text.contains("on pace for 3,747.50 (47%) incl. 1,500.00 due"),
        "{text}"
    );
    insta::assert_snapshot!("budget_pace_with_recurring_due", terminal.backend());
}

#[test]
fn opening_the_app_posts_what_fell_due_with_its_alert() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = sample_store();
    // Shopping in May 2025: 3,200.00 of 5,000.00; 2,000.00 on the 15th exceeds it.
    let schedule = Schedule::new(
        Frequency::Month,
        Some(15),
        today() - chrono::Days::new(40),
        None,
    )
    .expect("schedule");
    store
        .add_recurring(&NewRecurring {
            user_id: UserId(1),
            category_id: CategoryId(4),
            amount: 2000.into(),
            schedule,
            note: Some("gadget plan".into()),
        })
        .expect("add");
    let app = app_on(store, dir.path());
    // The 15th of April and of May.
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM expenses WHERE note = 'gadget plan'"
        ),
        2
    );
    let status = app.view().status.clone().expect("status line");
    assert_eq!(status.tone, Tone::Alert);
    assert!(
        status.text.starts_with("Posted 2 recurring expenses · "),
        "{}",
        status.text
    );
    assert!(status.text.contains("Shopping"), "{}", status.text);
    assert_eq!(app.view().month_view.unseen_alerts, 1);
}

/// A clock that has moved on to 26 May 2025, six days after the app opened.
fn six_days_later() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 5, 26).expect("date")
}

#[test]
fn an_app_left_open_posts_what_falls_due_as_the_days_pass() {
    use smart_spending_tracker::app::Action;

    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('n'));
    type_keys(&mut app, "99\tFood\tmonth\t25\t\t\tveg box\n");
    press(&mut app, KeyCode::Esc);
    app.follow_clock(six_days_later);
    let posted = |app: &App| count(app, "SELECT count(*) FROM expenses WHERE note = 'veg box'");
    assert_eq!(posted(&app), 0);
    // About a minute of ticks at four a second.
    for _ in 0..239 {
        crate::support::act(&mut app, Action::Tick);
    }
    assert_eq!(posted(&app), 0, "not before the minute is up");
    crate::support::act(&mut app, Action::Tick);
    assert_eq!(posted(&app), 1);
    assert_eq!(app.view().today, six_days_later());
    let status = app.view().status.clone().expect("status line");
    assert_eq!(status.text, "Posted 1 recurring expense");
}
