//! Shell completion: `spend completions SHELL` prints the shell code, which asks `spend`
//! itself (with `COMPLETE=SHELL` set) for each completion, so category names come from the
//! database as it is now.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap_complete::engine::CompletionCandidate;
use clap_complete::env::Shells;

use crate::config::{Flags, default_config_path, load};
use crate::store::{NewUserDefaults, Store};

use super::args::Shell;

/// The environment variable that turns a run of `spend` into a completion request.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// The category names of the database that `SPEND_DB` or the config file name, or the
/// default one; none if it does not exist yet. (The `--db` being typed is not seen:
/// the shell asks before the command line is finished.)
pub fn category_names() -> Vec<CompletionCandidate> {
    let env = |name: &str| std::env::var(name).ok();
    let Ok(settings) = load(Flags::default(), &env, default_config_path(&env).as_deref()) else {
        return Vec::new();
    };
    let Some(db) = settings.db.filter(|db| db.value.is_file()) else {
        return Vec::new();
    };
    Store::open(&db.value, &NewUserDefaults::default())
        .and_then(|store| store.categories())
        .map(|categories| {
            categories
                .into_iter()
                .map(|c| CompletionCandidate::new(c.name).help(c.description.map(Into::into)))
                .collect()
        })
        .unwrap_or_default()
}

/// Writes the completion code for `shell`, calling `completer` (the `spend` to run).
pub fn write_completions(
    shell: Shell,
    completer: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let name = match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::Elvish => "elvish",
        Shell::Powershell => "powershell",
    };
    let shells = Shells::builtins();
    let Some(shell) = shells.completer(name) else {
        return Err(std::io::Error::other(format!("no completions for {name}")));
    };
    shell.write_registration(COMPLETE_VAR, "spend", "spend", completer, out)
}

/// The `spend` the completion code should run: this program as it was started, made
/// absolute when it was started by a path, so the code works from any directory.
pub fn this_program() -> String {
    let argv0 = std::env::args_os()
        .next()
        .map_or_else(|| PathBuf::from("spend"), PathBuf::from);
    let path = if argv0.components().count() > 1 && argv0.is_relative() {
        std::env::current_dir().map_or(argv0.clone(), |dir| dir.join(&argv0))
    } else {
        argv0
    };
    path_text(&path)
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
