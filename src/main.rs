//! `spend`: the command-line entry point. No subcommand opens the full-screen app.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use smart_spending_tracker::app::{App, AppConfig};
use smart_spending_tracker::cli::{Args, CliError, Context, Refused, parse_args, run_command};
use smart_spending_tracker::domain::{Currency, Grouping, Month, parse_date};
use smart_spending_tracker::store::{self, Location, NewUserDefaults, Store, StoreError};

/// The exit code of a usage error, as clap and most tools use it.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let args = match parse_args(std::env::args_os()) {
        Ok(args) => args,
        // `--help` and `--version` go to standard output and exit 0.
        Err(Refused::Show(shown)) => shown.exit(),
        Err(Refused::Usage(line)) => {
            eprintln!("{line}");
            return ExitCode::from(USAGE_ERROR);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`spend export | head`) is not a failure.
        Err(CliError::Output(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), CliError> {
    let today = today()?;
    let month = args.month.as_deref().map(Month::parse).transpose()?;
    let location = database_location(args.db)?;
    let grouping = Grouping::from_env(|name| std::env::var(name).ok())
        .map_err(|e| CliError::Input(e.to_string()))?;
    let mut store = Store::open_location(&location, &new_user_defaults())?;
    let Some(command) = args.command else {
        let config = AppConfig {
            user: args.user,
            month,
            today,
            export_dir: args.export_dir.unwrap_or_else(|| PathBuf::from(".")),
            grouping,
        };
        return run_app(store, &location, config);
    };
    let mut ctx = Context {
        store: &mut store,
        user: args.user.as_deref(),
        today,
        grouping,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    run_command(&mut ctx, command, &mut out)?;
    out.flush()?;
    Ok(())
}

fn run_app(store: Store, db: &Location, config: AppConfig) -> Result<(), CliError> {
    if !std::io::stdout().is_terminal() {
        return Err(CliError::Input(
            "the app needs a terminal; for scripts use a subcommand such as `spend report` (see --help)".into(),
        ));
    }
    let mut app = App::new(store, config)?;
    // A crash report says where the data is: every change was committed when it was made.
    color_eyre::config::HookBuilder::default()
        .panic_section(format!(
            "Nothing saved is lost: every change was committed to {db} when it was made."
        ))
        .install()
        .map_err(|e| CliError::Input(e.to_string()))?;
    smart_spending_tracker::tui::run(&mut app).map_err(|e| CliError::Input(format!("{e:#}")))
}

/// Today's date; `SPEND_TODAY` pins it for reproducible runs and tests.
fn today() -> Result<chrono::NaiveDate, CliError> {
    let now = chrono::Local::now().date_naive();
    match std::env::var("SPEND_TODAY") {
        Ok(text) => Ok(parse_date(&text, now)?),
        Err(_) => Ok(now),
    }
}

/// `--db`/`SPEND_DB` (a file, or a PostgreSQL URL), or the default file, whose directory
/// is created on first use.
fn database_location(given: Option<std::ffi::OsString>) -> Result<Location, CliError> {
    if let Some(given) = given {
        return Ok(Location::parse(&given));
    }
    let path = store::default_path().ok_or_else(|| {
        CliError::Input("cannot find a home directory for the database; pass --db PATH".into())
    })?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Create {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    Ok(Location::File(path))
}

/// The user a new database starts with, in `SPEND_CURRENCY` or INR: the login `$USER` or
/// `$LOGNAME` names, else the login of the current user's passwd entry; named by that
/// entry's real name (its GECOS field) when the entry is the login's, else by the login.
fn new_user_defaults() -> NewUserDefaults {
    let currency = std::env::var("SPEND_CURRENCY")
        .ok()
        .and_then(|code| Currency::parse(&code).ok())
        .unwrap_or_default();
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
