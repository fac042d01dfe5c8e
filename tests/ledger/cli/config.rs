//! The config file: each value takes effect, flags beat variables beat the file beat the
//! defaults, `spend config show` says where each came from, and a bad file is refused with
//! its line and key before anything is written.

use serde_json::Value;

use super::{Spend, text};
use crate::spend_cli::config_beside;

fn write_config(spend: &Spend, text: &str) {
    std::fs::write(config_beside(spend.db()), text).expect("write the config");
}

/// `spend config show --json`'s value and source of one setting.
fn setting(spend: &Spend, env: &[(&str, &str)], key: &str) -> (String, String) {
    let run = spend.run_with(&["config", "show", "--json"], env);
    assert!(run.success, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let entry = &json["settings"][key];
    (
        text(entry, "value").to_string(),
        text(entry, "source").to_string(),
    )
}

#[test]
fn flags_beat_variables_beat_the_file_beat_the_defaults() {
    let spend = Spend::with_sample();
    write_config(
        &spend,
        "user = \"priya@example.com\"\ndate_format = \"day-first\"\n",
    );
    // The file chooses the user...
    let list = spend.ok(&["list"]);
    assert!(
        list.contains("05/05/2025") && !list.contains("Lunch"),
        "{list}"
    );
    // ...the variable beats it, and the flag beats both.
    let aman = spend.run_with(&["list"], &[("SPEND_USER", "aman@example.com")]);
    assert!(aman.stdout.contains("Lunch at cafe"), "{}", aman.stdout);
    let flagged = spend.run_with(
        &["--user", "priya@example.com", "list"],
        &[("SPEND_USER", "aman@example.com")],
    );
    assert!(!flagged.stdout.contains("Lunch"), "{}", flagged.stdout);
    let none: &[(&str, &str)] = &[];
    assert_eq!(
        setting(&spend, none, "user"),
        ("priya@example.com".into(), "config file, line 1".into())
    );
    assert_eq!(
        setting(&spend, &[("SPEND_USER", "aman@example.com")], "user"),
        ("aman@example.com".into(), "environment SPEND_USER".into())
    );
    assert_eq!(setting(&spend, none, "db").1, "flag --db");
    assert_eq!(
        setting(&spend, none, "date_format"),
        ("day-first".into(), "config file, line 2".into())
    );
    assert_eq!(
        setting(
            &spend,
            &[("SPEND_DATE_FORMAT", "month-first")],
            "date_format"
        )
        .1,
        "environment SPEND_DATE_FORMAT"
    );
    assert_eq!(
        setting(&spend, none, "currency"),
        ("INR".into(), "built-in default".into())
    );
    // Files for programs stay ISO.
    assert!(spend.ok(&["export"]).contains(",2025-05-05,"));
}

#[test]
fn each_value_reaches_what_it_governs() {
    let spend = Spend::new();
    write_config(
        &spend,
        "currency = \"JPY\"\nwarn_percent = 50\ngrouping = \"indian\"\ndate_format = \"month-first\"\n",
    );
    spend.ok(&["add", "150000", "Food", "--date", "2025-05-02"]);
    let users = spend.json(&["user", "list", "--json"]);
    assert_eq!(
        users[0]["currency"], "JPY",
        "a new database's user takes the currency"
    );
    assert_eq!(users[0]["warn_percent"], 50, "and the warning share");
    let list = spend.ok(&["list"]);
    assert!(list.contains("1  05/02/2025  Food      1,50,000"), "{list}");
    spend.ok(&["user", "add", "Kenji", "kenji@example.com"]);
    let euro = spend.run_with(
        &["user", "add", "Eva", "eva@example.com"],
        &[("SPEND_CURRENCY", "eur")],
    );
    assert!(euro.success, "{}", euro.stderr);
    spend.ok(&[
        "user",
        "add",
        "Sam",
        "sam@example.com",
        "--currency",
        "USD",
        "--warn-percent",
        "90",
    ]);
    let users = spend.json(&["user", "list", "--json"]);
    let of = |email: &str| {
        users
            .as_array()
            .expect("users")
            .iter()
            .find(|u| u["email"] == email)
            .map(|u| (u["currency"].clone(), u["warn_percent"].clone()))
            .expect(email)
    };
    assert_eq!(of("kenji@example.com"), ("JPY".into(), 50.into()));
    assert_eq!(of("eva@example.com"), ("EUR".into(), 50.into()));
    assert_eq!(of("sam@example.com"), ("USD".into(), 90.into()));
}

#[test]
fn a_bad_config_is_refused_with_its_file_line_and_key_and_writes_nothing() {
    let spend = Spend::new();
    let path = config_beside(spend.db());
    let shown = path.display().to_string();
    for (config, expected) in [
        (
            "grouping = \"lakh\"\n",
            "line 1, key grouping: \"lakh\" is not indian or international",
        ),
        (
            "\n\nwarn_percent = 120\n",
            "line 3, key warn_percent: 120 is not a whole percent from 1 to 100",
        ),
        (
            "warn_percent = \"80\"\n",
            "line 1, key warn_percent: invalid type: string \"80\", expected a whole number",
        ),
        (
            "currency = \"RUPEE\"\n",
            "line 1, key currency: currency \"RUPEE\" is not a three-letter ISO 4217 code",
        ),
        (
            "date_format = \"dmy\"\n",
            "line 1, key date_format: \"dmy\" is not a date format; use iso, day-first, month-first",
        ),
        (
            "colour = \"red\"\n",
            "line 1, key colour: unknown field `colour`",
        ),
        (
            "[theme]\npreset = \"sepia\"\n",
            "line 2, key theme.preset: \"sepia\" is not a preset; use dark, light or plain",
        ),
        (
            "[theme]\n\ntitle = \"purplish\"\n",
            "line 3, key theme.title: \"purplish\" is not a colour",
        ),
        (
            "[keys]\nadd = \"d\"\n",
            "line 2, key keys.add: \"d\" is already bound to delete in the expense list; choose another key",
        ),
        (
            "[keys]\nfly = \"z\"\n",
            "line 2, key keys.fly: \"fly\" is not an action; use one of add, edit,",
        ),
        (
            "[keys]\nquit = 5\n",
            "line 2, key keys.quit: write a key as a string",
        ),
        ("db = \n", "line 1"),
    ] {
        write_config(&spend, config);
        for args in [&["list"][..], &["status"], &["config", "show"]] {
            let error = spend.fails(args);
            assert!(
                error.starts_with(&format!("error: {shown} ")),
                "{config:?}: {error}"
            );
            assert!(error.contains(expected), "{config:?} {args:?}: {error}");
        }
        assert!(!spend.db().exists(), "{config:?}: no database was created");
        // The path is still printed, so the file can be found and fixed.
        assert_eq!(spend.ok(&["config", "path"]), format!("{shown}\n"));
    }
    write_config(&spend, "");
    let error = spend.run_with(&["list"], &[("SPEND_CURRENCY", "rupees")]);
    assert!(
        error
            .stderr
            .contains("SPEND_CURRENCY: currency \"rupees\" is not"),
        "{}",
        error.stderr
    );
}

#[test]
fn the_file_lives_under_xdg_config_home_unless_spend_config_says() {
    let spend = Spend::new();
    let home = spend.dir().join("xdg");
    let mut command = crate::spend_cli::spend_command(spend.db());
    let out = command
        .args(["config", "path"])
        .env_remove("SPEND_CONFIG")
        .env("XDG_CONFIG_HOME", &home)
        .output()
        .expect("run spend");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "{}\n",
            home.join("smart-spending-tracker/config.toml").display()
        )
    );
    // A relative db in the file is relative to the file.
    write_config(&spend, "db = \"data/mine.db\"\n");
    std::fs::create_dir(spend.dir().join("data")).expect("mkdir");
    let mut command = crate::spend_cli::spend_command(spend.db());
    let out = command
        .env("SPEND_CONFIG", config_beside(spend.db()))
        .args(["category", "list"])
        .output()
        .expect("run spend");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !spend.dir().join("data/mine.db").exists(),
        "--db beats the file"
    );
    let flagless = std::process::Command::new(env!("CARGO_BIN_EXE_spend"))
        .args(["category", "list"])
        .env("SPEND_CONFIG", config_beside(spend.db()))
        .env("SPEND_TODAY", "2025-05-20")
        .env_remove("SPEND_DB")
        .output()
        .expect("run spend");
    assert!(
        flagless.status.success(),
        "{}",
        String::from_utf8_lossy(&flagless.stderr)
    );
    assert!(
        spend.dir().join("data/mine.db").exists(),
        "the file's db, beside it"
    );
}

#[test]
fn config_show_never_prints_a_server_password() {
    let spend = Spend::new();
    write_config(
        &spend,
        "db = \"postgres://aman:hunter2@db.example/spend\"\n",
    );
    for json in [false, true] {
        let mut args = vec!["config", "show"];
        if json {
            args.push("--json");
        }
        // Without --db, so the file's URL is the one in effect.
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_spend"))
            .args(&args)
            .env("SPEND_CONFIG", config_beside(spend.db()))
            .env_remove("SPEND_DB")
            .output()
            .expect("run spend");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("aman:***@db.example"), "{stdout}");
        assert!(!stdout.contains("hunter2"), "{stdout}");
    }
}
