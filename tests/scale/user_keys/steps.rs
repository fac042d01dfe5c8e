//! What a household does with a PostgreSQL ledger, step by step, with the statements the
//! server ran for each: the app driven by its keys, then the `spend` binary's commands,
//! one user's and then the admin's.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use smart_spending_tracker::app::{Action, App, AppConfig};
use smart_spending_tracker::domain::{
    CategoryId, Currency, DateStyle, Grouping, Month, NewExpense,
};
use smart_spending_tracker::keys::action_for_event;
use smart_spending_tracker::store::{Location, NewUserDefaults, Store};

use super::capture::{Evicted, Recorder};
use crate::support::ledgers::{Engine, Ledger};
use crate::support::spend_cli::spend_command;

/// Whose path a step is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// One user's: the app, and the commands a user runs.
    User,
    /// The admin's: everyone's data, the categories all users share, the users themselves.
    Admin,
}

/// One step and the statements the server ran for it.
#[derive(Debug)]
pub struct Step {
    pub name: String,
    pub role: Role,
    pub statements: Vec<String>,
}

/// The user the app and the commands act as: Aman, of the reference sample.
const USER: &str = "aman@example.com";

/// Runs every step on a ledger holding the reference sample.
pub fn run_all(server: &str, recorder: &mut Recorder) -> Result<Vec<Step>, Evicted> {
    let engine = Engine::Postgres(server.to_string());
    let mut ledger = Ledger::sample(&engine);
    busy_month(&mut ledger);
    // The destination of `spend copy-to`: a new ledger, with no expenses yet.
    let destination = Ledger::empty(&engine);
    let url = ledger.url().expect("a PostgreSQL ledger").to_string();
    let destination_url = destination.url().expect("a PostgreSQL ledger").to_string();
    for url in [&url, &destination_url] {
        recorder.watch(database_of(url));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut steps = Steps {
        recorder,
        done: Vec::new(),
    };
    let mut app = app_steps(&mut steps, &url, dir.path())?;
    user_commands(&mut steps, &url, dir.path())?;
    steps.record("the app hears another program's write", Role::User, || {
        app.update(Action::Tick);
    })?;
    admin_commands(&mut steps, &url, &destination_url, dir.path())?;
    Ok(steps.done)
}

/// More of Aman's rows in May 2025 than a window of the list holds, so scrolling reads.
fn busy_month(ledger: &mut Ledger) {
    let user = ledger.resolve_user(Some(USER)).expect("Aman").id;
    let categories: Vec<CategoryId> = ["Food", "Transport", "Entertainment"]
        .iter()
        .map(|name| ledger.find_category(name).expect("category").id)
        .collect();
    let month = Month::parse("2025-05").expect("month");
    let rows = (0..300_u32).map(|n| NewExpense {
        rate: None,
        user_id: user,
        category_id: categories[n as usize % categories.len()],
        amount: Currency::INR.from_minor(i64::from(n) * 10 + 99),
        currency: Currency::INR,
        date: month.first_day() + chrono::Days::new(u64::from(n % 19)),
        note: Some(format!("Receipt {n}")),
    });
    ledger.add_expenses(rows).expect("add");
}

/// The database a URL names.
fn database_of(url: &str) -> &str {
    let path = url.split('?').next().unwrap_or(url);
    path.rsplit('/').next().unwrap_or(path)
}

struct Steps<'r> {
    recorder: &'r mut Recorder,
    done: Vec<Step>,
}

impl Steps<'_> {
    /// Runs `work` and keeps what the server ran meanwhile.
    fn record<T>(
        &mut self,
        name: &str,
        role: Role,
        work: impl FnOnce() -> T,
    ) -> Result<T, Evicted> {
        self.recorder.start();
        let value = work();
        let statements = self.recorder.statements()?;
        self.done.push(Step {
            name: name.to_string(),
            role,
            statements,
        });
        Ok(value)
    }

    /// Runs `spend` with `args` as one step on the user's path.
    fn spend(&mut self, url: &str, dir: &Path, args: &[&str]) -> Result<String, Evicted> {
        self.spend_on(Role::User, url, dir, args)
    }

    fn spend_on(
        &mut self,
        role: Role,
        url: &str,
        dir: &Path,
        args: &[&str],
    ) -> Result<String, Evicted> {
        let name = format!("spend {}", args.join(" "));
        self.record(&name, role, || run_spend(url, dir, args))
    }
}

/// `spend --db URL ARGS`, which must do what was asked; returns what it printed.
fn run_spend(db: &str, dir: &Path, args: &[&str]) -> String {
    let mut command: Command = spend_command(Path::new(db));
    // No config file: the one `spend_command` names sits beside a file path.
    command.env("SPEND_CONFIG", dir.join("config.toml"));
    let output = command.args(args).output().expect("run spend");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    // `spend status` exits 1 at a warning and 2 over a budget: an answer, not a failure.
    let answered = args.contains(&"status") && matches!(output.status.code(), Some(1 | 2));
    assert!(
        output.status.success() || answered,
        "spend {}: {}{stdout}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Sends keys through the real keymap; `\t` is Tab and `\n` Enter.
fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = match c {
            '\t' => KeyCode::Tab,
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        key(app, code, KeyModifiers::NONE);
    }
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    let event = Event::Key(KeyEvent::new(code, modifiers));
    if let Some(action) = action_for_event(app.view().mode(), &event) {
        app.update(action);
    }
}

fn ctrl(app: &mut App, c: char) {
    key(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn press(app: &mut App, code: KeyCode) {
    key(app, code, KeyModifiers::NONE);
}

/// The app on the ledger, opened at May 2025 as Aman, and used.
fn app_steps(steps: &mut Steps<'_>, url: &str, dir: &Path) -> Result<App, Evicted> {
    let config = AppConfig {
        grouping: Grouping::default(),
        decimal: None,
        date_style: DateStyle::Iso,
        user: Some(USER.into()),
        month: Some(Month::parse("2025-05").expect("month")),
        today: NaiveDate::from_ymd_opt(2025, 5, 20).expect("date"),
        export_dir: dir.to_path_buf(),
    };
    let location = Location::Postgres(url.to_string());
    let mut app = steps.record("open the app", Role::User, || {
        let store = Store::open_location(&location, &NewUserDefaults::default()).expect("open");
        App::new(store, config).expect("the app opens")
    })?;
    let user = Role::User;
    steps.record("scroll the list", user, || {
        type_keys(&mut app, "jj");
        for code in [KeyCode::PageDown, KeyCode::Char('G'), KeyCode::Char('g')] {
            press(&mut app, code);
        }
    })?;
    steps.record("switch months", user, || type_keys(&mut app, "hlt"))?;
    steps.record("filter the month", user, || {
        type_keys(&mut app, "/lunch");
        press(&mut app, KeyCode::Esc);
    })?;
    steps.record("search all history", user, || {
        ctrl(&mut app, 'f');
        type_keys(&mut app, "lunch");
        press(&mut app, KeyCode::Esc);
    })?;
    steps.record("add, with the budget check", user, || {
        type_keys(&mut app, "a2000\tShop\t\t\tConcert tickets\n");
    })?;
    steps.record("edit, with both budget checks", user, || {
        press(&mut app, KeyCode::Char('e'));
        ctrl(&mut app, 'u');
        type_keys(&mut app, "5200\n");
    })?;
    steps.record("delete, with the budget check", user, || {
        type_keys(&mut app, "dy");
    })?;
    steps.record("undo and redo", user, || {
        type_keys(&mut app, "uuu");
        for _ in 0..3 {
            ctrl(&mut app, 'r');
        }
    })?;
    steps.record("set a budget", user, || {
        press(&mut app, KeyCode::Char('b'));
        ctrl(&mut app, 'u');
        type_keys(&mut app, "3000\n");
    })?;
    steps.record("mark alerts seen", user, || {
        press(&mut app, KeyCode::Tab);
        type_keys(&mut app, "mM");
        press(&mut app, KeyCode::Tab);
    })?;
    steps.record("export the month", user, || {
        press(&mut app, KeyCode::Char('x'));
    })?;
    // `X` exports every user's expenses: the admin's export, offered in the app.
    steps.record("export everyone's expenses", Role::Admin, || {
        press(&mut app, KeyCode::Char('X'));
    })?;
    steps.record("the user picker", user, || {
        press(&mut app, KeyCode::Char('U'));
        press(&mut app, KeyCode::Esc);
    })?;
    // Categories are everyone's: deleting one (Food, the second) is the admin's business.
    steps.record(
        "delete a category in the app, and undo it",
        Role::Admin,
        || {
            type_keys(&mut app, "cjdy");
            press(&mut app, KeyCode::Esc);
            press(&mut app, KeyCode::Char('u'));
        },
    )?;
    Ok(app)
}

/// What one user runs from the shell.
fn user_commands(steps: &mut Steps<'_>, url: &str, dir: &Path) -> Result<(), Evicted> {
    let out = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let as_user = |args: &[&str]| -> Vec<String> {
        ["--user", USER]
            .iter()
            .chain(args)
            .map(ToString::to_string)
            .collect()
    };
    let csv = out("month.csv");
    let bundle = out("bundle");
    let journal = out("aman.journal");
    for args in [
        &["status"][..],
        &["status", "--json"],
        &["report", "--month", "2025-05"],
        &["report", "--from", "2024-06", "--to", "2025-05", "--json"],
        &["list", "--month", "2025-05"],
        &[
            "list", "--search", "lunch", "--sort", "amount", "--limit", "10",
        ],
        &["list", "--category", "Food", "--json"],
        &["budget", "list", "--month", "2025-05"],
        &["budget", "set", "Food", "9000", "--month", "2025-05"],
        &["budget", "warn", "75"],
        &["alerts", "--all", "--json"],
        &["alerts", "--mark-seen"],
        &["export", "--month", "2025-05", "-o", &csv, "--force"],
        &["export", "--powerbi", &bundle, "--force"],
        &["export", "--format", "journal", "-o", &journal],
    ] {
        let args = as_user(args);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        steps.spend(url, dir, &args)?;
    }
    let added = steps.spend(
        url,
        dir,
        &[
            "--user",
            USER,
            "add",
            "250",
            "food",
            "--date",
            "2025-05-19",
            "--json",
        ],
    )?;
    let json: serde_json::Value = serde_json::from_str(&added).expect("add --json");
    let id = json["expense"]["id"].to_string();
    steps.spend(url, dir, &["--user", USER, "edit", &id, "--amount", "300"])?;
    steps.spend(url, dir, &["--user", USER, "delete", &id])?;
    Ok(())
}

/// What the admin runs: everyone's exports, copies, categories, users.
fn admin_commands(
    steps: &mut Steps<'_>,
    url: &str,
    destination: &str,
    dir: &Path,
) -> Result<(), Evicted> {
    let out = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let admin = Role::Admin;
    let csv = out("everyone.csv");
    let bundle = out("everyone");
    let copy = out("copy.db");
    for args in [
        &["export", "--all-users", "-o", &csv][..],
        &["export", "--powerbi", &bundle, "--all-users"],
        &["copy-to", &copy],
        &["category", "list"],
        &["category", "add", "Health"],
        &["category", "rename", "Health", "Medical"],
        &[
            "user",
            "add",
            "Kenji",
            "kenji@example.com",
            "--currency",
            "JPY",
        ],
        &["user", "rename", "kenji@example.com", "Kenji S"],
        &["user", "default", USER],
        &["user", "list", "--json"],
    ] {
        steps.spend_on(admin, url, dir, args)?;
    }
    // A category with spending and a budget, merged into another; one more, deleted.
    for args in [
        &["add", "120", "Medical", "--date", "2025-05-12"][..],
        &["budget", "set", "Medical", "500", "--month", "2025-05"],
        &["category", "add", "Gifts"],
        &["add", "80", "Gifts", "--date", "2025-05-13"],
        &["budget", "set", "Gifts", "100", "--month", "2025-05"],
        &[
            "--user",
            "kenji@example.com",
            "add",
            "900",
            "Food",
            "--date",
            "2025-05-14",
        ],
    ] {
        steps.spend(url, dir, args)?;
    }
    for args in [
        &["category", "merge", "Medical", "Food"][..],
        &["category", "delete", "Gifts", "--force"],
        &["category", "add", "Snacks"],
        &["category", "delete", "Snacks"],
        &["user", "delete", "kenji@example.com", "--force"],
    ] {
        steps.spend_on(admin, url, dir, args)?;
    }
    // The copy back into a new PostgreSQL ledger: every table of it written at once.
    steps.spend_on(admin, &copy, dir, &["copy-to", destination])?;
    Ok(())
}
