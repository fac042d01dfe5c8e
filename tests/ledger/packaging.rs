//! What ships beside the binary: the man page made from the code, the sample configs, the
//! screen capture, and the crate's metadata for a publish.

use std::path::Path;

use smart_spending_tracker::config::{Flags, Origin, load};

fn asset(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name)
}

#[test]
fn the_man_page_is_what_the_code_makes() {
    let made = smart_spending_tracker::cli::man_page();
    let shipped = std::fs::read(asset("spend.1")).expect("assets/spend.1");
    assert!(
        made == shipped,
        "assets/spend.1 is out of date: run `cargo run --example gen-man` and commit it"
    );
    let page = String::from_utf8(made).expect("ASCII");
    for section in [
        ".SH SYNOPSIS",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SS \"spend status\"",
        ".SS \"spend export\"",
    ] {
        assert!(page.contains(section), "{section}");
    }
    assert!(page.is_ascii());
}

#[test]
fn the_sample_configs_load_and_every_commented_key_is_valid() {
    let no_env = |_: &str| None;
    for name in ["config.toml", "config-light.toml"] {
        let path = asset(name);
        let settings =
            load(Flags::default(), &no_env, Some(&path)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(settings.file_found);
        assert!(
            settings
                .entries()
                .iter()
                .any(|(_, _, origin)| matches!(origin, Origin::File { .. })),
            "{name} sets something"
        );
    }
    // Every key the full sample only mentions, set for real, loads too.
    let text = std::fs::read_to_string(asset("config.toml")).expect("config.toml");
    let uncommented: String = text
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest)
                if rest
                    .split_once(" = ")
                    .is_some_and(|(key, _)| !key.contains(' ')) =>
            {
                rest
            }
            _ => line,
        })
        .fold(String::new(), |mut all, line| {
            all.push_str(line);
            all.push('\n');
            all
        });
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, &uncommented).expect("write");
    let settings = load(Flags::default(), &no_env, Some(&path)).expect("every key loads");
    let from_file: Vec<String> = settings
        .entries()
        .into_iter()
        .filter(|(_, _, origin)| matches!(origin, Origin::File { .. }))
        .map(|(key, _, _)| key)
        .collect();
    for key in [
        "db",
        "user",
        "currency",
        "warn_percent",
        "export_dir",
        "date_format",
        "grouping",
        "decimal",
        "theme.preset",
        "theme.title",
        "theme.selected",
        "keys.quit",
        "keys.down",
    ] {
        assert!(from_file.iter().any(|k| k == key), "{key} in {from_file:?}");
    }
}

#[test]
fn the_screen_capture_in_assets_is_the_readmes() {
    let readme = include_str!("../../README.md");
    let start = readme.find("```\n Spend").expect("a capture in the README") + 4;
    let end = start + readme[start..].find("```").expect("the capture ends");
    let shipped = std::fs::read_to_string(asset("screen.txt")).expect("assets/screen.txt");
    assert_eq!(
        shipped,
        &readme[start..end],
        "assets/screen.txt differs from README.md's capture"
    );
}

#[test]
fn the_crate_is_described_for_a_publish() {
    let manifest: toml::Table = include_str!("../../Cargo.toml")
        .parse()
        .expect("Cargo.toml");
    let package = manifest["package"].as_table().expect("[package]");
    for key in [
        "description",
        "license",
        "repository",
        "readme",
        "keywords",
        "categories",
    ] {
        assert!(package.contains_key(key), "Cargo.toml lacks {key}");
    }
    let keywords = package["keywords"].as_array().expect("keywords");
    assert!(
        (1..=5).contains(&keywords.len()),
        "crates.io takes at most 5 keywords"
    );
    for keyword in keywords {
        let word = keyword.as_str().expect("a keyword");
        assert!(
            word.len() <= 20 && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{word}"
        );
    }
}
