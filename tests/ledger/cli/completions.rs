//! `spend completions SHELL`: the shell code, and the completions it gets from spend,
//! category names included, tried in a real bash.

use std::process::Command;

use super::Spend;
use crate::spend_cli::config_beside;

#[test]
fn every_shell_gets_code_that_asks_spend() {
    let spend = Spend::new();
    for (shell, marker) in [
        ("bash", "complete -o nospace -o bashdefault"),
        ("zsh", "compdef"),
        ("fish", "complete --keep-order --exclusive --command spend"),
        ("elvish", "set edit:completion:arg-completer[spend]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let code = spend.ok(&["completions", shell]);
        assert!(code.contains(marker), "{shell}:\n{code}");
        assert!(
            code.contains(env!("CARGO_BIN_EXE_spend")),
            "{shell} runs this spend:\n{code}"
        );
    }
    assert!(!spend.db().exists(), "completions open no database");
    assert_eq!(spend.run(&["completions", "tcsh"]).code, Some(2));
}

/// What bash offers for the last word of `line`, with the code of `spend completions bash`.
fn bash_offers(spend: &Spend, words: &[&str]) -> Vec<String> {
    let code = spend.ok(&["completions", "bash"]);
    let script = format!(
        "{code}\nCOMP_WORDS=({words})\nCOMP_CWORD={last}\nCOMP_TYPE=9\n_clap_complete_spend spend {current} {previous}\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words = words
            .iter()
            .map(|w| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(" "),
        last = words.len() - 1,
        current = words.last().map_or("''".to_string(), |w| format!("'{w}'")),
        previous = words
            .get(words.len().saturating_sub(2))
            .copied()
            .unwrap_or("spend"),
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("SPEND_DB", spend.db())
        .env("SPEND_CONFIG", config_beside(spend.db()))
        .env_remove("COMPLETE")
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut offers: Vec<String> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    offers.sort();
    offers
}

#[test]
fn bash_completes_commands_options_and_category_names() {
    let spend = Spend::with_sample();
    spend.ok(&["category", "add", "Fuel"]);
    assert_eq!(
        bash_offers(&spend, &["spend", "add", "250", "F"]),
        ["Food", "Fuel"]
    );
    assert_eq!(
        bash_offers(&spend, &["spend", "budget", "set", "Sh"]),
        ["Shopping"]
    );
    assert_eq!(bash_offers(&spend, &["spend", "sta"]), ["status"]);
    assert!(bash_offers(&spend, &["spend", "export", "--pow"]).contains(&"--powerbi".to_string()));
}
