//! The man page, `spend(1)`, made from the same argument definitions as `--help`:
//! `cargo run --example gen-man` writes it to `assets/spend.1`, and a test keeps that file
//! equal to what this makes.

use std::fmt::Write as _;
use std::io;

use clap::CommandFactory;
use clap_mangen::Man;

use super::Args;

/// The page's sections after the generated ones: exit status, environment and files.
const TRAILER: &str = r#".SH "EXIT STATUS"
0 on success, 1 when a command is refused (one \fBerror:\fR line on standard error), and 2
for a mistake in the arguments.
.PP
\fBspend status\fR exits 0 when every budget of the month is within its limit, 1 when one
has reached its warning share, 2 when one is exceeded, and 3 when it cannot tell (an error).
.SH ENVIRONMENT
A flag overrides its variable, and a variable overrides the config file.
.TP
\fBSPEND_CONFIG\fR
The config file to read instead of the default one.
.TP
\fBSPEND_DB\fR
The database file, as \fB\-\-db\fR.
.TP
\fBSPEND_USER\fR
The user to act as, as \fB\-\-user\fR.
.TP
\fBSPEND_EXPORT_DIR\fR
Where the app's x and X exports go, as \fB\-\-export\-dir\fR.
.TP
\fBSPEND_CURRENCY\fR
The currency of users created from now on (default INR).
.TP
\fBSPEND_WARN_PERCENT\fR
The warning share, in percent, of users created from now on (default 80).
.TP
\fBSPEND_DATE_FORMAT\fR
iso, day\-first or month\-first, for dates in the app and in text tables.
.TP
\fBSPEND_GROUPING\fR
indian or international digit grouping (default: from LC_ALL, LC_NUMERIC or LANG).
.TP
\fBSPEND_DECIMAL\fR
The decimal mark of amounts typed and shown, a point or a comma (default: the usual one
of the user's currency).
.TP
\fBSPEND_TODAY\fR
Pins today's date (YYYY\-MM\-DD), for reproducible runs.
.TP
\fBNO_COLOR\fR
Turns colours off.
.TP
\fBCOMPLETE\fR
Set by the shell code of \fBspend completions\fR to ask for completions.
.SH FILES
.TP
\fI$XDG_CONFIG_HOME/smart\-spending\-tracker/config.toml\fR
The config file (\fB~/.config/...\fR on Linux); \fBspend config show\fR lists every setting in
effect and where it came from.
.TP
\fI$XDG_DATA_HOME/smart\-spending\-tracker/spend.db\fR
The default database (\fB~/.local/share/...\fR on Linux).
"#;

/// The whole page, as roff, in ASCII (other characters as `\[uXXXX]`).
pub fn man_page() -> Vec<u8> {
    let mut page = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_page(&mut page);
    let text = String::from_utf8_lossy(&page);
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            let _ = write!(ascii, "\\[u{:04X}]", u32::from(c));
        }
    }
    ascii.into_bytes()
}

fn write_page(out: &mut dyn io::Write) -> io::Result<()> {
    let mut command = Args::command();
    command.build();
    let man = Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in command.get_subcommands() {
        commands(out, sub)?;
    }
    out.write_all(TRAILER.as_bytes())?;
    man.render_version_section(out)
}

/// Each command under its full name: what it does, its usage and its options; then the
/// commands under it.
fn commands(out: &mut dyn io::Write, command: &clap::Command) -> io::Result<()> {
    if command.is_hide_set() || command.get_name() == "help" {
        return Ok(());
    }
    let name = command.get_bin_name().unwrap_or_else(|| command.get_name());
    writeln!(out, ".SS \"{}\"", escape(name))?;
    if let Some(about) = command.get_long_about().or_else(|| command.get_about()) {
        for paragraph in about.to_string().split("\n\n") {
            writeln!(out, ".PP\n{}", escape_line(paragraph.trim()))?;
        }
    }
    let usage = command.clone().render_usage().to_string();
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    writeln!(out, ".PP\n\\fB{}\\fR", escape(usage))?;
    // The options as clap_mangen lays them out, under this heading instead of their own.
    let mut options = Vec::new();
    Man::new(command.clone()).render_options_section(&mut options)?;
    for line in String::from_utf8_lossy(&options).lines() {
        if !line.starts_with(".SH ") {
            writeln!(out, "{line}")?;
        }
    }
    for sub in command.get_subcommands() {
        commands(out, sub)?;
    }
    Ok(())
}

/// Text with roff's escape character and minus signs made literal.
fn escape(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-")
}

/// A line of text that roff cannot read as a request.
fn escape_line(line: &str) -> String {
    let escaped = escape(line);
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
