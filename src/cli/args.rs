//! Arguments, as clap parses them.
#![allow(clippy::doc_markdown)] // These doc comments are --help text, read as plain text.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand};
use clap_complete::engine::ArgValueCandidates;

use super::complete::category_names;

/// Smart Spending Tracker: record expenses, set monthly budgets, get alerts.
///
/// With no command, opens the full-screen app on the default database.
#[derive(Debug, Parser)]
#[command(name = "spend", version, about)]
pub struct Args {
    /// Database: a file, or a PostgreSQL URL such as `postgres://user@host/db` (or SPEND_DB,
    /// or db in the config file)
    /// [default: $XDG_DATA_HOME/smart-spending-tracker/spend.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Act as this user (or SPEND_USER, or user in the config file) [default: the
    /// database's default user, or its only one]
    #[arg(long, global = true, value_name = "EMAIL")]
    pub user: Option<String>,

    /// Month the app opens at, YYYY-MM (default: this month)
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,

    /// Directory the app's x/X exports are written to (or SPEND_EXPORT_DIR, or export_dir
    /// in the config file) [default: the current directory]
    #[arg(long, value_name = "DIR")]
    pub export_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the sample data (two users, May 2025 budgets, five expenses)
    Sample,
    /// Record an expense
    Add(AddArgs),
    /// Change an expense
    Edit(EditArgs),
    /// Delete an expense
    Delete(DeleteArgs),
    /// List expenses: a month (or a range of days), newest or largest first
    List(ListArgs),
    /// Show unseen alerts, newest first; `alerts seen ID` marks one seen
    Alerts(AlertsArgs),
    /// Monthly budgets
    #[command(subcommand)]
    Budget(BudgetCommand),
    /// Exchange rates: what 1 unit of another currency is worth in yours
    #[command(subcommand)]
    Rate(super::rates::RateCommand),
    /// Spending categories
    #[command(subcommand)]
    Category(CategoryCommand),
    /// Users
    #[command(subcommand)]
    User(UserCommand),
    /// Monthly totals, top categories, budget against spent, rolling three months
    Report(ReportArgs),
    /// Export expenses as CSV (`id,user_id,category_id,category,amount,currency,date,note`)
    Export(ExportArgs),
    /// Write a consistent copy of the database to FILE, safe while the app or another
    /// command is writing; FILE must not exist yet, unless --force
    Backup(BackupArgs),
    /// Copy the whole ledger (users, categories, budgets, expenses with their ids, alerts,
    /// settings) from --db to DEST, a file or a PostgreSQL URL, in one transaction; DEST
    /// must hold no expenses
    CopyTo(CopyToArgs),
    /// Import expenses for the current user from CSV: the export's own format, or a bank
    /// statement; a statement's rows imported before are left out, and money coming in is
    /// counted but not imported
    Import(ImportArgs),
    /// Rules that categorise imported bank statements
    #[command(subcommand)]
    Rule(RuleCommand),
    /// Expenses that post themselves (rent, subscriptions): each due date is recorded as an
    /// ordinary expense, with its budget check, the next time any command runs or the app
    /// is open
    #[command(subcommand)]
    Recurring(RecurringCommand),
    /// This month's budgets in one line, for a shell prompt, status bar or cron; exits 0
    /// within budget, 1 at a warning, 2 when a budget is exceeded, 3 on an error
    Status(StatusArgs),
    /// The config file: where it is, and every setting in effect with where it came from
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print the shell code that completes spend's commands, options and category names
    Completions(CompletionsArgs),
    /// Serve the REST API (the reference design's endpoints and the rest a script needs)
    /// over this ledger until SIGINT or SIGTERM; every request needs a token from
    /// `spend token create`
    Serve(ServeArgs),
    /// Bearer tokens for `spend serve`
    #[command(subcommand)]
    Token(TokenCommand),
}

#[derive(Debug, ClapArgs)]
pub struct ServeArgs {
    /// Address and port to listen on; port 0 picks a free one
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:5000")]
    pub listen: std::net::SocketAddr,
    /// Take requests without a token, acting for any user; only on a loopback address
    #[arg(long)]
    pub no_auth: bool,
    /// Do not log each request to standard error
    #[arg(long)]
    pub quiet: bool,
    /// Connections open at once; more wait until one closes
    #[arg(long, value_name = "N", default_value_t = 1024,
          value_parser = clap::value_parser!(u32).range(1..=65_536))]
    pub max_connections: u32,
    /// Seconds a request may take before it is answered 408
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub timeout: u64,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make a token for --user (or the default user); it is printed once, alone on the
    /// last line, and stored only as a hash
    Create {
        /// A label to tell tokens apart, such as the device it is for
        #[arg(long, value_name = "LABEL", default_value = "")]
        name: String,
        /// Let the token act for every user
        #[arg(long)]
        admin: bool,
    },
    /// List every token (never the secret)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token: the server refuses it within a second
    Revoke { id: i64 },
}

#[derive(Debug, ClapArgs)]
pub struct StatusArgs {
    /// The month [default: this month]
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// Print the status as JSON
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Print this template instead of the line: {month}, {month_name}, {spent},
    /// {budgeted_spent}, {budget}, {remaining}, {percent}, {currency}, {level}, {exceeded},
    /// {warnings}, {alerts}, {over}, {line}; {{ and }} are braces
    #[arg(long, value_name = "TEMPLATE")]
    pub format: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path (SPEND_CONFIG, or
    /// $XDG_CONFIG_HOME/smart-spending-tracker/config.toml)
    Path,
    /// Print every setting in effect and where it came from: a flag, the environment, the
    /// config file (with its line) or the built-in default
    Show {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, ClapArgs)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The shells completions are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// Amount as you would write it: 250, 1,200.50, ₹99, or 1.200,50 with a decimal comma
    // Negative numbers reach the amount parser, which explains the refusal, instead of
    // clap reading `-5` as an unknown flag.
    #[arg(allow_negative_numbers = true)]
    pub amount: String,
    /// Category name (case-insensitive)
    #[arg(add = ArgValueCandidates::new(category_names))]
    pub category: String,
    /// YYYY-MM-DD, today or yesterday
    #[arg(long, default_value = "today")]
    pub date: String,
    #[arg(long)]
    pub note: Option<String>,
    /// Currency code, if not the user's own; the amount is converted to yours at --rate,
    /// or the rate set for its date (`spend rate set`) or the latest earlier one
    #[arg(long)]
    pub currency: Option<String>,
    /// Units of your currency per 1 of --currency, kept with this expense: 83.25
    #[arg(long, requires = "currency")]
    pub rate: Option<String>,
    /// Accept a date before 1970 or more than a year ahead
    #[arg(long)]
    pub yes: bool,
    /// Print the expense and its alerts as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, ClapArgs)]
pub struct EditArgs {
    pub id: i64,
    #[arg(long, allow_negative_numbers = true)]
    pub amount: Option<String>,
    #[arg(long, add = ArgValueCandidates::new(category_names))]
    pub category: Option<String>,
    #[arg(long)]
    pub date: Option<String>,
    /// New note; an empty one clears it
    #[arg(long)]
    pub note: Option<String>,
    /// Accept a date before 1970 or more than a year ahead
    #[arg(long)]
    pub yes: bool,
    /// Print the expense and its alerts as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, ClapArgs)]
pub struct DeleteArgs {
    pub id: i64,
    /// Print the deleted expense and its alerts as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    /// The month to list [default: this month, unless --from or --to]
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "to"])]
    pub month: Option<String>,
    /// First day, YYYY-MM-DD; with --to, a range across months
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day (included), YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only this category
    #[arg(long, value_name = "NAME", add = ArgValueCandidates::new(category_names))]
    pub category: Option<String>,
    /// Only expenses whose note or category contains TEXT, in any case
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Newest first, or largest first
    #[arg(long, value_enum, default_value_t = SortBy::Date)]
    pub sort: SortBy,
    /// At most N expenses
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: Option<u64>,
    #[arg(long)]
    pub json: bool,
}

/// The order of `spend list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortBy {
    /// Newest first
    Date,
    /// Largest first
    Amount,
}

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AlertsArgs {
    /// Include alerts already seen
    #[arg(long)]
    pub all: bool,
    /// Mark the alerts seen after showing them
    #[arg(long)]
    pub mark_seen: bool,
    #[arg(long)]
    pub json: bool,
    #[command(subcommand)]
    pub action: Option<AlertsCommand>,
}

#[derive(Debug, Subcommand)]
pub enum AlertsCommand {
    /// Mark one alert seen
    Seen { id: i64 },
}

#[derive(Debug, ClapArgs)]
pub struct ReportArgs {
    /// Month of the top categories and budgets, and the last of the monthly totals
    /// [default: --to, or this month]
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// First month of the monthly totals [default: 11 months before the last]
    #[arg(long, value_name = "YYYY-MM")]
    pub from: Option<String>,
    /// Last month of the monthly totals [default: --month]
    #[arg(long, value_name = "YYYY-MM")]
    pub to: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, ClapArgs)]
#[command(group(clap::ArgGroup::new("destination").args(["output", "powerbi"])))]
#[allow(clippy::struct_excessive_bools)] // Each is a flag of its own.
pub struct ExportArgs {
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "to"])]
    pub month: Option<String>,
    /// First day, YYYY-MM-DD
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (included), YYYY-MM-DD
    #[arg(long)]
    pub to: Option<String>,
    /// Every user's expenses, not only the current user's
    #[arg(long)]
    pub all_users: bool,
    /// csv (the reference format) or journal (hledger)
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output; FILE must not exist yet
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE (or the bundle's files in DIR) if they exist
    #[arg(long, requires = "destination")]
    pub force: bool,
    /// Write a Power BI star schema into DIR: expenses, budgets, categories, users, alerts,
    /// a calendar and a README naming the relationships and measures
    #[arg(long, value_name = "DIR", conflicts_with_all = ["output", "format"])]
    pub powerbi: Option<PathBuf>,
    /// Start CSV files with a UTF-8 byte-order mark, so Excel on Windows reads ₹ and
    /// accents [default: on for --powerbi]
    #[arg(long, overrides_with = "no_bom")]
    pub bom: bool,
    /// No byte-order mark, not even for --powerbi
    #[arg(long)]
    pub no_bom: bool,
    /// With --format journal: the account expenses are paid from
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
}

/// What `spend export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// `id,user_id,category_id,category,amount,currency,date,note`
    Csv,
    /// An hledger journal, one transaction per expense
    Journal,
}

#[derive(Debug, ClapArgs)]
pub struct BackupArgs {
    pub file: PathBuf,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, ClapArgs)]
pub struct CopyToArgs {
    /// The ledger to copy into: a file, or a PostgreSQL URL such as `postgres://user@host/db`
    #[arg(value_name = "DEST")]
    pub dest: std::ffi::OsString,
}

#[derive(Debug, ClapArgs)]
#[allow(clippy::struct_excessive_bools)] // Each is a flag of its own.
pub struct ImportArgs {
    pub file: PathBuf,
    /// Create categories the file names that do not exist yet
    #[arg(long)]
    pub create_categories: bool,
    /// Accept dates before 1970 or more than a year ahead
    #[arg(long)]
    pub yes: bool,
    /// Which column of a bank statement holds what: ROLE=COL,... with ROLE one of date,
    /// amount, note, debit, credit, type, payee, currency, id, category and COL a column
    /// number (from 1) or a header name; roles not named are found from the header
    #[arg(long, value_name = "ROLE=COL,...")]
    pub map: Option<String>,
    /// The order of the statement's dates, such as DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD
    /// [default: settled by the dates themselves]
    #[arg(long, value_name = "FMT")]
    pub date_format: Option<String>,
    /// The statement's decimal mark, . or , [default: settled by the amounts themselves]
    #[arg(long, value_name = "MARK")]
    pub decimal: Option<String>,
    /// The statement's column delimiter: , ; | or tab [default: detected]
    #[arg(long, value_name = "C")]
    pub delimiter: Option<String>,
    /// The statement's encoding, such as utf-8, utf-16le, windows-1252 or latin1
    /// [default: detected]
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Lines above the statement's header to pass over [default: found]
    #[arg(long, value_name = "N")]
    pub skip: Option<usize>,
    /// Which amounts of a single signed column are spending [default: negative ones when
    /// signs are mixed, all when every amount is positive]
    #[arg(long, value_enum)]
    pub outflows: Option<OutflowsArg>,
    /// Use the mapping and formats saved under NAME
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Save this statement's mapping and formats under NAME for next time
    #[arg(long, value_name = "NAME")]
    pub save_profile: Option<String>,
    /// Show how the statement reads and what would be imported; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print every row of the statement with its status, and the counts, as JSON
    #[arg(long)]
    pub json: bool,
    /// Import the rows that can be read, and list the lines left out
    #[arg(long)]
    pub skip_bad: bool,
}

/// `--outflows`: which sign is money leaving the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutflowsArg {
    /// Negative amounts are spending, positive ones incoming
    Negative,
    /// Positive amounts are spending, negative ones incoming
    Positive,
}

#[derive(Debug, Subcommand)]
pub enum RuleCommand {
    /// Add a rule: imported rows whose description contains PATTERN, in any case (or
    /// matches the regex after `re:`), go to CATEGORY
    Add {
        #[arg(allow_hyphen_values = true)]
        pattern: String,
        #[arg(add = ArgValueCandidates::new(category_names))]
        category: String,
    },
    /// List the rules in the order they apply: the first that matches wins
    List {
        #[arg(long)]
        json: bool,
    },
    /// Delete a rule by its number
    Delete {
        #[arg(value_name = "ID")]
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RecurringCommand {
    /// Add a recurring expense in your own currency; dates already due from --from on are
    /// posted at once
    Add {
        /// Amount as you would write it: 15000, 1,200.50, ₹99, or 1.200,50 with a decimal comma
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// Category name (case-insensitive)
        #[arg(add = ArgValueCandidates::new(category_names))]
        category: String,
        /// How often: day, week, month or year
        #[arg(long, value_enum)]
        every: EveryArg,
        /// For --every week the weekday, 1 (Monday) to 7 (Sunday); for month and year the
        /// day of the month, 1 to 31, falling on the last day of a shorter month [default:
        /// the day of --from]
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        day: Option<String>,
        /// First day it can fall due, YYYY-MM-DD; a yearly expense repeats in this month
        #[arg(long, value_name = "DATE", default_value = "today")]
        from: String,
        /// Last day it can fall due (included), YYYY-MM-DD [default: no end]
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// The note each posted expense carries
        #[arg(long)]
        note: Option<String>,
        /// Accept a --from before 1970 or more than a year ahead
        #[arg(long)]
        yes: bool,
    },
    /// List your recurring expenses with when each is next due
    List {
        #[arg(long)]
        json: bool,
    },
    /// Delete a recurring expense; what it already posted stays
    Delete {
        #[arg(value_name = "ID")]
        id: String,
    },
}

/// `--every`: how often a recurring expense repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EveryArg {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Subcommand)]
pub enum BudgetCommand {
    /// Set a category's budget: standing (every month from this one on), or with --month
    /// for one month alone
    Set {
        #[arg(add = ArgValueCandidates::new(category_names))]
        category: String,
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// Set it for this month alone, over the standing budget
        #[arg(long, value_name = "YYYY-MM", conflicts_with = "from")]
        month: Option<String>,
        /// Start the standing budget at this month instead of the current one
        #[arg(long, value_name = "YYYY-MM")]
        from: Option<String>,
        /// Carry what is left of each month into the next month's budget
        #[arg(long, conflicts_with = "no_rollover")]
        rollover: bool,
        /// Stop carrying what is left into the next month
        #[arg(long)]
        no_rollover: bool,
        /// With rollover, carry an overspend into the next month too, as a debt
        #[arg(long, conflicts_with = "no_carry_overspending")]
        carry_overspending: bool,
        /// Carry only what is left, never an overspend (the default)
        #[arg(long)]
        no_carry_overspending: bool,
    },
    /// Remove a budget: end the standing budget from the current month on, or with --month
    /// drop a month's own budget
    Delete {
        #[arg(add = ArgValueCandidates::new(category_names))]
        category: String,
        /// Drop the budget set for this month alone; the month follows the standing budget
        #[arg(long, value_name = "YYYY-MM", conflicts_with = "from")]
        month: Option<String>,
        /// End the standing budget from this month on instead of the current one
        #[arg(long, value_name = "YYYY-MM")]
        from: Option<String>,
        /// End it for good: drop the later changes already scheduled too
        #[arg(long, conflicts_with = "month")]
        all: bool,
    },
    /// Budgets of a month against what was spent
    List {
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set the share of a budget, in percent, at which a budget warning fires (default 80)
    Warn {
        #[arg(allow_negative_numbers = true)]
        percent: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// Add a category
    Add {
        name: String,
        #[arg(long)]
        description: Option<String>,
    },
    /// List categories
    List {
        #[arg(long)]
        json: bool,
    },
    /// Rename a category (for every user: categories are shared)
    Rename {
        #[arg(add = ArgValueCandidates::new(category_names))]
        old: String,
        new: String,
    },
    /// Move FROM's expenses and budgets into INTO, adding budgets both have for the same
    /// user and month, then delete FROM
    Merge {
        #[arg(add = ArgValueCandidates::new(category_names))]
        from: String,
        #[arg(add = ArgValueCandidates::new(category_names))]
        into: String,
    },
    /// Delete a category that holds no expenses or budgets
    Delete {
        #[arg(add = ArgValueCandidates::new(category_names))]
        name: String,
        /// Delete it anyway: its expenses keep no category, its budgets are deleted
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user
    Add {
        name: String,
        email: String,
        /// Their currency [default: SPEND_CURRENCY, or currency in the config file, or INR]
        #[arg(long)]
        currency: Option<String>,
        /// The share of a budget, in percent, at which their warnings fire [default:
        /// SPEND_WARN_PERCENT, or warn_percent in the config file, or 80]
        #[arg(long, value_name = "PERCENT")]
        warn_percent: Option<String>,
    },
    /// List users; the default one is marked *
    List {
        #[arg(long)]
        json: bool,
    },
    /// Change a user's name, and with --email their address
    Rename {
        email: String,
        name: String,
        /// New email address
        #[arg(long = "email", value_name = "NEW")]
        new_email: Option<String>,
    },
    /// Delete a user with their budgets and alerts; never the last user
    Delete {
        email: String,
        /// Delete them even if they have expenses, and the expenses with them
        #[arg(long)]
        force: bool,
    },
    /// Make EMAIL the user chosen when --user is absent
    Default { email: String },
}
