//! `spend`: the command-line entry point. No subcommand opens the full-screen app.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::CompleteEnv;
use smart_spending_tracker::app::{App, AppConfig};
use smart_spending_tracker::cli::{
    Args, COMPLETE_VAR, CliError, Command, Context, Refused, ServeArgs, load_settings, parse_args,
    run_command, run_standalone, write_catch_up,
};
use smart_spending_tracker::config::{Flags, Origin, Settings, Sourced};
use smart_spending_tracker::domain::{Currency, DEFAULT_WARN_PERCENT, Month, parse_date};
use smart_spending_tracker::serve::ServeOptions;
use smart_spending_tracker::store::{Location, NewUserDefaults, Store, StoreError};

/// The exit code of a usage error, as clap and most tools use it.
const USAGE_ERROR: u8 = 2;

/// The exit code of `spend status` when it cannot tell: 0, 1 and 2 are levels.
const STATUS_UNKNOWN: u8 = 3;

fn main() -> ExitCode {
    // `COMPLETE=bash spend ...` is the shell asking for completions: answer and exit.
    CompleteEnv::with_factory(Args::command)
        .var(COMPLETE_VAR)
        .complete();
    let words: Vec<OsString> = std::env::args_os().collect();
    let asks_status = names_status(&words);
    let args = match parse_args(&words) {
        Ok(args) => args,
        // `--help` and `--version` go to standard output and exit 0.
        Err(Refused::Show(shown)) => shown.exit(),
        Err(Refused::Usage(line)) => {
            eprintln!("{line}");
            return ExitCode::from(if asks_status {
                STATUS_UNKNOWN
            } else {
                USAGE_ERROR
            });
        }
    };
    match run(args) {
        Ok(code) => ExitCode::from(code),
        // A reader that stops early (`spend export | head`) is not a failure.
        Err(CliError::Output(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            if asks_status {
                ExitCode::from(STATUS_UNKNOWN)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// Whether the command is `spend status`, whose exit codes 1 and 2 are levels, so its
/// errors exit 3 instead. Global options before it are skipped with their values.
fn names_status(argv: &[OsString]) -> bool {
    let mut words = argv.iter().skip(1).map(|w| w.to_string_lossy());
    while let Some(word) = words.next() {
        match word.as_ref() {
            "--db" | "--user" | "--month" | "--export-dir" => {
                words.next();
            }
            option if option.starts_with('-') => {}
            command => return command == "status",
        }
    }
    false
}

fn run(args: Args) -> Result<u8, CliError> {
    let env = |name: &str| std::env::var(name).ok();
    let flags = Flags {
        db: args.db.as_deref(),
        user: args.user.as_deref(),
        export_dir: args.export_dir.as_deref(),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Some(command) = &args.command
        && let Some(result) = run_standalone(command, flags, &env, &mut out)
    {
        let code = result?;
        out.flush()?;
        return Ok(code);
    }
    let settings = load_settings(flags, &env)?;
    let today = today()?;
    let month = args
        .month
        .as_deref()
        .map(|month| Month::parse_in_reach(month, today))
        .transpose()?;
    let location = database_location(settings.db.as_ref())?;
    if let Some(Command::Serve(serve)) = &args.command {
        let today_pinned = std::env::var_os("SPEND_TODAY").is_some().then_some(today);
        return run_server(serve, location, &settings, today_pinned, &mut out).map(|()| 0);
    }
    let store = open_store(&location, &settings)?;
    let Some(command) = args.command else {
        drop(out);
        return run_app(store, &location, &settings, month, today).map(|()| 0);
    };
    let mut store = store;
    catch_up(&mut store, today, &settings);
    let mut ctx = Context {
        store: &mut store,
        user: settings.user.as_ref().map(|user| user.value.as_str()),
        today,
        grouping: settings.grouping.value,
        decimal: settings.decimal.value,
        date_style: settings.date_style.value,
        new_user_currency: settings.currency.value,
        new_user_warn_percent: settings.warn_percent.value,
    };
    let code = run_command(&mut ctx, command, &mut out)?;
    out.flush()?;
    Ok(code)
}

/// Posts the recurring expenses due by today before the command runs, and says so on
/// standard error, so a command's own output (JSON, CSV, a status line) stays as it was.
/// A failure is told and the command goes on: reading a ledger must not depend on it.
fn catch_up(store: &mut Store, today: chrono::NaiveDate, settings: &Settings) {
    let mut err = std::io::stderr().lock();
    let told = match store.catch_up(today) {
        Ok(caught) => write_catch_up(
            &mut err,
            &caught,
            settings.grouping.value,
            settings.decimal.value,
        ),
        Err(error) => writeln!(
            err,
            "warning: could not bring the ledger up to today (standing budgets, recurring expenses): {error}"
        ),
    };
    // Standard error gone is no reason to stop the command.
    drop(told);
}

/// Opens the database; a new file's first user gets the configured currency and warning
/// share (on a server only the currency, as newness cannot be seen from outside).
fn open_store(location: &Location, settings: &Settings) -> Result<Store, CliError> {
    let is_new = matches!(location, Location::File(path) if !path.exists());
    let defaults = new_user_defaults(settings.currency.value);
    let mut store = Store::open_location(location, &defaults)?;
    let percent = settings.warn_percent.value;
    if is_new && percent != DEFAULT_WARN_PERCENT {
        let user = store.resolve_user(None)?;
        store.set_warn_percent(user.id, percent)?;
    }
    Ok(store)
}

fn run_app(
    store: Store,
    db: &Location,
    settings: &Settings,
    month: Option<Month>,
    today: chrono::NaiveDate,
) -> Result<(), CliError> {
    if !std::io::stdout().is_terminal() {
        return Err(CliError::Input(
            "the app needs a terminal; for scripts use a subcommand such as `spend report` (see --help)".into(),
        ));
    }
    let config = AppConfig {
        user: settings.user.as_ref().map(|user| user.value.clone()),
        month,
        today,
        export_dir: settings.export_dir.value.clone(),
        grouping: settings.grouping.value,
        decimal: settings.decimal.value,
        date_style: settings.date_style.value,
    };
    let mut app = App::new(store, config)?;
    if std::env::var_os("SPEND_TODAY").is_none() {
        app.follow_clock(|| chrono::Local::now().date_naive());
    }
    // A crash report says where the data is: every change was committed when it was made.
    color_eyre::config::HookBuilder::default()
        .panic_section(format!(
            "Nothing saved is lost: every change was committed to {db} when it was made."
        ))
        .install()
        .map_err(|e| CliError::Input(e.to_string()))?;
    smart_spending_tracker::tui::run(&mut app, settings.theme(), &settings.keymap)
        .map_err(|e| CliError::Input(format!("{e:#}")))
}

/// Runs `spend serve` until it is stopped; says where it listens, alone on one line, as
/// soon as it does.
fn run_server(
    args: &ServeArgs,
    location: Location,
    settings: &Settings,
    today: Option<chrono::NaiveDate>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let options = ServeOptions {
        listen: args.listen,
        location,
        defaults: new_user_defaults(settings.currency.value),
        require_tokens: !args.no_auth,
        log_requests: !args.quiet,
        today,
        max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
        request_timeout: std::time::Duration::from_secs(args.timeout),
    };
    let mut told = Ok(());
    smart_spending_tracker::serve::run(&options, |addr| {
        told = writeln!(out, "listening on http://{addr}").and_then(|()| out.flush());
    })
    .map_err(|error| CliError::Input(error.to_string()))?;
    Ok(told?)
}

/// Today's date; `SPEND_TODAY` pins it for reproducible runs and tests.
fn today() -> Result<chrono::NaiveDate, CliError> {
    let now = chrono::Local::now().date_naive();
    match std::env::var("SPEND_TODAY") {
        Ok(text) => Ok(parse_date(&text, now)?),
        Err(_) => Ok(now),
    }
}

/// The database the settings name, a file or a PostgreSQL URL; the default file's
/// directory is created on first use.
fn database_location(db: Option<&Sourced<PathBuf>>) -> Result<Location, CliError> {
    let db = db.ok_or_else(|| {
        CliError::Input("cannot find a home directory for the database; pass --db PATH".into())
    })?;
    if db.origin == Origin::Default
        && let Some(dir) = db.value.parent()
    {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Create {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    Ok(Location::parse(db.value.as_os_str()))
}

/// The user a new database starts with, in `currency`: the login `$USER` or
/// `$LOGNAME` names, else the login of the current user's passwd entry; named by that
/// entry's real name (its GECOS field) when the entry is the login's, else by the login.
fn new_user_defaults(currency: Currency) -> NewUserDefaults {
    let from_env = ["USER", "LOGNAME"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|login| !login.is_empty() && !login.contains(char::is_whitespace));
    let from_passwd = whoami::username().ok();
    let Some(login) = from_env.or_else(|| from_passwd.clone()) else {
        return NewUserDefaults {
            currency,
            ..NewUserDefaults::default()
        };
    };
    let real_name = (from_passwd.as_deref() == Some(login.trim()))
        .then(|| whoami::realname().ok())
        .flatten();
    NewUserDefaults::for_login(&login, real_name.as_deref(), currency).unwrap_or(NewUserDefaults {
        currency,
        ..NewUserDefaults::default()
    })
}
