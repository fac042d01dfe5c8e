//! Reading never writes. A ledger file `spend` may not write (mode 0444 in a directory of
//! mode 0555 that root owns, so not even a `-wal` or `-shm` file can be made beside it; run
//! as `nobody` when the tests run as root, whom modes do not stop) answers every read
//! command, every read endpoint of `spend serve` and the app's months exactly as a writable
//! copy of it does, and is left byte for byte; a write is refused with one line naming the
//! file. On PostgreSQL, a role granted SELECT alone reads what the ledger's owner reads.

mod app;
mod endpoints;
mod select_only;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use crate::support::nobody::Account;
use crate::support::{Run, fails, names, snapshot, spend_command, tree};

/// The statement imported while the ledger is made, with its profile saved.
const BANK_STATEMENT: &str = "Date,Description,Amount
2025-05-03,SWIGGY ORDER 1234,-450.00
2025-05-07,UBER TRIP,-230.50
2025-05-09,SALARY MAY,50000.00
";

/// The statement the reads look at with `import --dry-run`: a row imported already, an
/// incoming one, and two new ones, one of them matched by the rule.
const NEXT_STATEMENT: &str = "Date,Description,Amount
2025-05-07,UBER TRIP,-230.50
2025-05-16,SWIGGY DINNER,-610.00
2025-05-17,BOOKSHOP,-899.00
2025-05-19,REFUND,120.00
";

/// Every read command, with its options. `{out}` is a directory the run may write files
/// in, `{statement}` a bank statement to read.
const READS: &[&[&str]] = &[
    &["list"],
    &["list", "--json"],
    &["list", "--month", "2025-04"],
    &[
        "list",
        "--from",
        "2025-01-01",
        "--to",
        "2025-05-31",
        "--json",
    ],
    &["list", "--search", "swiggy"],
    &["list", "--category", "Shopping", "--sort", "amount"],
    &["list", "--sort", "amount", "--limit", "3", "--json"],
    &["--user", "priya@example.com", "list"],
    &["budget", "list"],
    &["budget", "list", "--json"],
    &["budget", "list", "--month", "2025-02"],
    &["budget", "list", "--month", "2025-06", "--json"],
    &["budget", "list", "--month", "2035-05"],
    &["status"],
    &["status", "--json"],
    &[
        "status",
        "--format",
        "{month_name}: {spent} of {budget}, {level}",
    ],
    &["status", "--month", "2025-04"],
    &["status", "--month", "2035-05", "--json"],
    &["report"],
    &["report", "--json"],
    &["report", "--month", "2025-03"],
    &["report", "--from", "2025-01", "--to", "2025-05", "--json"],
    &["alerts"],
    &["alerts", "--all"],
    &["alerts", "--all", "--json"],
    &["category", "list"],
    &["category", "list", "--json"],
    &["user", "list"],
    &["user", "list", "--json"],
    &["rule", "list"],
    &["rule", "list", "--json"],
    &["rate", "list"],
    &["rate", "list", "USD"],
    &["recurring", "list"],
    &["recurring", "list", "--json"],
    &["token", "list"],
    &["token", "list", "--json"],
    &["export"],
    &["export", "--month", "2025-04", "--bom"],
    &["export", "--all-users", "-o", "{out}/all.csv"],
    &[
        "export",
        "--from",
        "2025-01-01",
        "--to",
        "2025-03-31",
        "-o",
        "{out}/quarter.csv",
    ],
    &["export", "--format", "journal", "--account", "assets:bank"],
    &["export", "--format", "journal", "-o", "{out}/spend.journal"],
    &["export", "--powerbi", "{out}/powerbi", "--all-users"],
    &["import", "{statement}", "--dry-run"],
    &["import", "{statement}", "--dry-run", "--json"],
    &["import", "{statement}", "--dry-run", "--profile", "bank"],
    &["backup", "{out}/backup.db"],
    &["config", "path"],
    &["config", "show"],
    &["config", "show", "--json"],
    &["completions", "bash"],
];

/// Writes, each refused on a ledger that may only be read.
const WRITES: &[&[&str]] = &[
    &["add", "5", "Food"],
    &["budget", "set", "Food", "2000"],
    &["rate", "set", "EUR", "90"],
    &["token", "create"],
    &["alerts", "seen", "1"],
];

/// The tokens made on the ledger.
struct Tokens {
    /// Aman's (user 1), acting for every user.
    admin: String,
    /// Priya's (user 2), for her alone.
    priya: String,
}

/// The runs that make the ledger a household has by May 2025: the sample, a standing
/// rollover budget from March, a month's own budget, a monthly rent posted since January, a
/// dollar rate and a dollar expense, a rule, a statement imported with its profile saved, an
/// expense over budget (an alert) and the second user's expense. Words split at spaces;
/// `{statement}` is the statement's path.
const HOUSEHOLD: [&str; 10] = [
    "sample",
    "budget set Food 1000 --from 2025-03 --rollover",
    "budget set Transport 500 --month 2025-05",
    "recurring add 15000 Rent --every month --day 1 --from 2025-01-01 --note rent",
    "rate set USD 83.25 --date 2025-05-01",
    "rule add swiggy Food",
    "import {statement} --save-profile bank",
    "add 2000 Shopping --date 2025-05-15 --note concert",
    "add 20 Shopping --currency USD --note app",
    "--user priya@example.com add 300 Food --note lunch",
];

/// Makes the [`HOUSEHOLD`] ledger through the real binary, with two tokens. Its last run
/// finds nothing to catch up.
fn household_ledger(spend: &dyn Fn() -> Command, statement: &Path) -> Tokens {
    let statement = statement.to_str().expect("UTF-8");
    for line in HOUSEHOLD {
        let args: Vec<&str> = line
            .split(' ')
            .map(|word| {
                if word == "{statement}" {
                    statement
                } else {
                    word
                }
            })
            .collect();
        ok(spend(), &args);
    }
    let token = |args: &[&str]| -> String {
        let out = ok(spend(), args);
        out.lines().last().expect("the token").to_string()
    };
    let tokens = Tokens {
        admin: token(&["token", "create", "--admin", "--name", "dashboard"]),
        priya: token(&["--user", "priya@example.com", "token", "create"]),
    };
    let alerts = ok(spend(), &["alerts", "--all"]);
    assert!(alerts.contains("Budget exceeded for Shopping"), "{alerts}");
    tokens
}

/// Runs a command that must succeed with nothing on standard error; its standard output.
fn ok(mut command: Command, args: &[&str]) -> String {
    let run: Run = command.args(args).output().expect("run spend").into();
    assert!(
        run.success && run.stderr.is_empty(),
        "spend {args:?}:\n{}{}",
        run.stdout,
        run.stderr
    );
    run.stdout
}

/// A ledger file no one but root may write, in a directory no one but root may write, and a
/// writable copy of it made before it was closed.
struct ReadOnlyLedger {
    root: TempDir,
    /// Who runs `spend` on both: `nobody` when the tests run as root.
    account: Account,
    /// The file, mode 0444 in a directory of mode 0555.
    ledger: PathBuf,
    /// Its bytes when it was closed.
    bytes: Vec<u8>,
    /// The writable copy, the account's own.
    copy: PathBuf,
    /// The statement the reads dry-run an import of.
    statement: PathBuf,
    tokens: Tokens,
}

impl ReadOnlyLedger {
    fn new() -> ReadOnlyLedger {
        let root = tempfile::tempdir().expect("temp dir");
        // The account must be able to reach everything in it.
        set_mode(root.path(), 0o755);
        let account = Account::unprivileged(root.path());
        let bank = root.path().join("bank.csv");
        std::fs::write(&bank, BANK_STATEMENT).expect("write the statement");
        let statement = root.path().join("statement.csv");
        std::fs::write(&statement, NEXT_STATEMENT).expect("write the statement");
        // `ro` and `rw`: paths of one length, so output whose columns fit a path lines up alike.
        let dir = root.path().join("ro");
        std::fs::create_dir(&dir).expect("mkdir");
        let ledger = dir.join("spend.db");
        let tokens = household_ledger(&|| spend_command(&ledger), &bank);
        assert_eq!(names(&dir), ["spend.db"], "closed, with no -wal or -shm");

        let copy_dir = root.path().join("rw");
        std::fs::create_dir(&copy_dir).expect("mkdir");
        let copy = copy_dir.join("spend.db");
        std::fs::copy(&ledger, &copy).expect("copy the ledger");
        account.take(&copy_dir);

        set_mode(&ledger, 0o444);
        set_mode(&dir, 0o555);
        let bytes = std::fs::read(&ledger).expect("read the ledger");
        ReadOnlyLedger {
            root,
            account,
            ledger,
            bytes,
            copy,
            statement,
            tokens,
        }
    }

    /// `spend` on `db` as the account, writing its files in a new directory `out` of its own.
    fn reader(&self, db: &Path, out: &str) -> Reader<'_> {
        let out = self.root.path().join(out);
        std::fs::create_dir(&out).expect("mkdir");
        self.account.take(&out);
        let db = db.to_path_buf();
        Reader {
            name: db.to_str().expect("UTF-8").to_string(),
            spend: Box::new(move || self.account.command(&db)),
            out,
        }
    }

    /// The file is byte for byte what it was, and nothing appeared beside it.
    fn assert_untouched(&self) {
        let dir = self.ledger.parent().expect("its directory");
        assert_eq!(names(dir), ["spend.db"], "files appeared beside the ledger");
        assert!(
            std::fs::read(&self.ledger).expect("read the ledger") == self.bytes,
            "the ledger file changed"
        );
    }
}

impl Drop for ReadOnlyLedger {
    /// Opens the directory again, so the temporary directory can be removed by a non-root
    /// account.
    fn drop(&mut self) {
        if let Some(dir) = self.ledger.parent() {
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// One way to read a ledger: `spend --db LEDGER` as a reader runs it, and where its reads
/// write their files.
struct Reader<'a> {
    /// The ledger as `--db` names it: a path or a URL.
    name: String,
    spend: Box<dyn Fn() -> Command + 'a>,
    out: PathBuf,
}

impl Reader<'_> {
    /// Runs one read, its `{out}` and `{statement}` filled in.
    fn run(&self, args: &[&str], statement: &Path) -> Run {
        let out = self.out.to_str().expect("UTF-8");
        let statement = statement.to_str().expect("UTF-8");
        let args: Vec<String> = args
            .iter()
            .map(|arg| arg.replace("{out}", out).replace("{statement}", statement))
            .collect();
        (self.spend)()
            .args(&args)
            .output()
            .expect("run spend")
            .into()
    }

    /// What a run printed with this reader's own names (its ledger, the ledger's directory
    /// or server, where its files go) written alike for every reader.
    fn neutral(&self, text: &str) -> String {
        let mut text = text
            .replace(self.out.to_str().expect("UTF-8"), "OUT")
            .replace(&self.name, "LEDGER");
        if let Some(beside) = Path::new(&self.name).parent().and_then(Path::to_str) {
            text = text.replace(beside, "BESIDE");
        }
        text
    }
}

/// Runs every read on `read_only` and on `reference`: each ends as a read does (`status`
/// by its level, every other with 0), with no error, and prints the same; the files they
/// write are the same, a backup holding the same rows.
fn compare_reads(
    reads: &[&[&str]],
    read_only: &Reader<'_>,
    reference: &Reader<'_>,
    statement: &Path,
) {
    for args in reads {
        let want = reference.run(args, statement);
        assert!(
            ends_as_a_read(args, &want),
            "{args:?} on the reference ledger: {want:?}"
        );
        let got = read_only.run(args, statement);
        assert!(
            ends_as_a_read(args, &got) && !got.stderr.contains("error:"),
            "{args:?} on the read-only ledger: {got:?}"
        );
        assert_eq!(got.code, want.code, "{args:?}: the exit code");
        assert_eq!(
            read_only.neutral(&got.stdout),
            reference.neutral(&want.stdout),
            "{args:?}: standard output"
        );
        assert_eq!(
            read_only.neutral(&got.stderr),
            reference.neutral(&want.stderr),
            "{args:?}: standard error"
        );
    }
    let files = |reader: &Reader<'_>| -> Vec<(PathBuf, Vec<u8>)> {
        tree(&reader.out)
            .into_iter()
            .filter(|(path, _)| path.extension().is_none_or(|ext| ext != "db"))
            .map(|(path, bytes)| {
                let path = path.strip_prefix(&reader.out).expect("under out").into();
                (path, bytes)
            })
            .collect()
    };
    let (written, wanted) = (files(read_only), files(reference));
    let paths = |files: &[(PathBuf, Vec<u8>)]| -> Vec<PathBuf> {
        files.iter().map(|(path, _)| path.clone()).collect()
    };
    assert!(written.len() >= 4, "the exports: {:?}", paths(&written));
    for ((path, bytes), (wanted_path, wanted_bytes)) in written.iter().zip(&wanted) {
        assert_eq!(path, wanted_path, "the files written");
        assert!(
            bytes == wanted_bytes,
            "{}: not what the reference wrote",
            path.display()
        );
    }
    assert_eq!(paths(&written), paths(&wanted), "the files written");
    let backup = |reader: &Reader<'_>| reader.out.join("backup.db");
    if backup(reference).exists() {
        assert_eq!(snapshot(&backup(read_only)), snapshot(&backup(reference)));
    }
}

/// Whether a run ended as a read does: 0, or `status`'s budget level (1 a warning, 2 a
/// budget exceeded).
fn ends_as_a_read(args: &[&str], run: &Run) -> bool {
    match run.code {
        Some(0) => true,
        Some(1 | 2) => args.first() == Some(&"status"),
        _ => false,
    }
}

#[test]
fn every_read_command_works_on_a_read_only_file_and_prints_what_a_writable_copy_prints() {
    let ledger = ReadOnlyLedger::new();
    let read_only = ledger.reader(&ledger.ledger, "ro-out");
    let writable = ledger.reader(&ledger.copy, "rw-out");
    compare_reads(READS, &read_only, &writable, &ledger.statement);
    ledger.assert_untouched();

    let refusal = format!(
        "error: {} is read-only; spend needs to write to it, check its permissions",
        ledger.ledger.display()
    );
    for args in WRITES {
        let run = read_only.run(args, &ledger.statement);
        assert_eq!(run.code, Some(1), "{args:?}: {run:?}");
        assert_eq!(fails(&run, args), refusal, "{args:?}");
        ledger.assert_untouched();
    }
}
