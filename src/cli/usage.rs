//! Argument errors as one line, as every other refusal is: clap's message, then where to
//! read more (`error: unexpected argument '--foo' found; see 'spend add --help'`).

use std::ffi::OsString;

use clap::CommandFactory;
use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

use super::Args;

/// What to do with arguments clap refused.
#[derive(Debug)]
pub enum Refused {
    /// `--help` or `--version`: clap prints it to standard output and exits 0.
    Show(Error),
    /// A usage error, as one `error: ...` line for standard error (exit 2).
    Usage(String),
}

/// Parses the arguments, or says why not in one line.
pub fn parse_args<I, T>(argv: I) -> Result<Args, Refused>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    use clap::Parser;
    let argv: Vec<OsString> = argv.into_iter().map(Into::into).collect();
    Args::try_parse_from(&argv).map_err(|error| match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Refused::Show(error),
        _ => Refused::Usage(usage_line(&error, &command_path(&argv))),
    })
}

/// The subcommands the arguments name, as clap reads them even past the error:
/// `["spend", "budget", "set"]`.
fn command_path(argv: &[OsString]) -> Vec<String> {
    let mut path = vec![Args::command().get_name().to_string()];
    if let Ok(matches) = Args::command()
        .ignore_errors(true)
        .try_get_matches_from(argv)
    {
        let mut current = &matches;
        while let Some((name, sub)) = current.subcommand() {
            path.push(name.to_string());
            current = sub;
        }
    }
    path
}

/// The one line for a usage error of the command at `path`.
fn usage_line(error: &Error, path: &[String]) -> String {
    let command = path.join(" ");
    let what = match error.kind() {
        ErrorKind::MissingRequiredArgument => match error.get(ContextKind::InvalidArg) {
            Some(missing) => format!("missing {missing}"),
            None => first_line(error),
        },
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            format!(
                "'{command}' needs a command: {}",
                subcommands(path).join(", ")
            )
        }
        _ => first_line(error),
    };
    let suggestion = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .find_map(|kind| error.get(kind))
        .map(|value| match value {
            ContextValue::String(one) => format!(" (did you mean '{one}'?)"),
            ContextValue::Strings(many) if !many.is_empty() => {
                format!(" (did you mean '{}'?)", many.join("' or '"))
            }
            _ => String::new(),
        })
        .unwrap_or_default();
    format!("error: {what}{suggestion}; see '{command} --help'")
}

/// Clap's message without its `error: ` prefix, tips or usage.
fn first_line(error: &Error) -> String {
    let rendered = error.render().to_string();
    let line = rendered.lines().next().unwrap_or_default();
    line.strip_prefix("error: ")
        .unwrap_or(line)
        .trim()
        .to_string()
}

/// The names of the subcommands of the command at `path`.
fn subcommands(path: &[String]) -> Vec<String> {
    let mut command = Args::command();
    for name in path.iter().skip(1) {
        match command.find_subcommand(name) {
            Some(sub) => command = sub.clone(),
            None => return Vec::new(),
        }
    }
    command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
        .map(|sub| sub.get_name().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Refused, parse_args};

    fn line(args: &[&str]) -> String {
        match parse_args(std::iter::once("spend").chain(args.iter().copied())) {
            Err(Refused::Usage(line)) => line,
            other => panic!("{args:?}: {other:?}"),
        }
    }

    #[test]
    fn usage_errors_are_one_line_naming_the_command_to_ask_for_help() {
        for (args, expected) in [
            (
                &["--foo"][..],
                "error: unexpected argument '--foo' found; see 'spend --help'",
            ),
            (
                &["add", "--foo"],
                "error: unexpected argument '--foo' found; see 'spend add --help'",
            ),
            (
                &["add"],
                "error: missing <AMOUNT>, <CATEGORY>; see 'spend add --help'",
            ),
            (
                &["budget"],
                "error: 'spend budget' needs a command: set, delete, list, warn; see 'spend budget --help'",
            ),
            (
                &["edit", "abc"],
                "error: invalid value 'abc' for '<ID>': invalid digit found in string; see 'spend edit --help'",
            ),
            (
                &["report", "--mnth", "2025-05"],
                "error: unexpected argument '--mnth' found (did you mean '--month'?); see 'spend report --help'",
            ),
            (
                &["nosuch"],
                "error: unrecognized subcommand 'nosuch'; see 'spend --help'",
            ),
        ] {
            assert_eq!(line(args), expected, "{args:?}");
        }
    }

    #[test]
    fn help_and_version_are_shown_not_refused() {
        for args in [["spend", "--help"], ["spend", "--version"], ["spend", "-h"]] {
            assert!(
                matches!(parse_args(args), Err(Refused::Show(_))),
                "{args:?}"
            );
        }
        assert!(parse_args(["spend", "list"]).is_ok());
    }
}
