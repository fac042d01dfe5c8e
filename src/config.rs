//! Preferences, from weakest to strongest: built-in defaults, the config file
//! (`$XDG_CONFIG_HOME/smart-spending-tracker/config.toml`), environment variables, and
//! command-line flags. Each effective value is kept with where it came from, for
//! `spend config show`. A bad value anywhere is refused with where it is; nothing falls
//! back quietly.

mod file;
mod resolve;

use std::fmt;
use std::path::PathBuf;

use ratatui::style::Color;
use thiserror::Error;

use crate::domain::{Currency, DateStyle, DecimalMark, Grouping};
use crate::keys::KeyMap;
use crate::ui::{Palette, Theme};

pub use file::{ConfigFile, ThemeTable, file_path};
pub use resolve::{Flags, default_config_path, load};

/// The environment variable that names another config file.
pub const CONFIG_VAR: &str = "SPEND_CONFIG";

/// A config that cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("{path} line {line}{}: {message}", key_part(.key.as_deref()))]
    Invalid {
        path: PathBuf,
        line: usize,
        key: Option<String>,
        message: String,
    },
    /// An environment variable with a value that means nothing.
    #[error("{0}")]
    Env(String),
}

fn key_part(key: Option<&str>) -> String {
    key.map_or_else(String::new, |key| format!(", key {key}"))
}

/// Where an effective value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag, such as `--db`.
    Flag(&'static str),
    /// An environment variable, such as `SPEND_DB`.
    Env(&'static str),
    /// The config file, at this line.
    File { line: usize },
    /// The locale variable that decided it, such as `LANG`.
    Locale(&'static str),
    /// Nothing set it.
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => write!(f, "flag {flag}"),
            Origin::Env(name) => write!(f, "environment {name}"),
            Origin::File { line } => write!(f, "config file, line {line}"),
            Origin::Locale(name) => write!(f, "locale ({name})"),
            Origin::Default => f.write_str("built-in default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Sourced<T> {
    pub fn new(value: T, origin: Origin) -> Sourced<T> {
        Sourced { value, origin }
    }
}

/// A colour preset for the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// For dark terminal backgrounds (the default).
    Dark,
    /// For light terminal backgrounds.
    Light,
    /// No colours, as with `NO_COLOR`.
    Plain,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::Dark, Preset::Light, Preset::Plain];

    pub fn name(self) -> &'static str {
        match self {
            Preset::Dark => "dark",
            Preset::Light => "light",
            Preset::Plain => "plain",
        }
    }
}

/// Every preference in effect.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The config file read (or that would be read).
    pub file: Option<PathBuf>,
    /// Whether that file exists.
    pub file_found: bool,
    /// The database; `None` when no flag, variable or file names one and there is no home
    /// directory for the default.
    pub db: Option<Sourced<PathBuf>>,
    /// The user commands act for; `None` leaves it to the database's default user.
    pub user: Option<Sourced<String>>,
    /// The currency of users created from now on.
    pub currency: Sourced<Currency>,
    /// The warning share of users created from now on.
    pub warn_percent: Sourced<u32>,
    pub export_dir: Sourced<PathBuf>,
    pub date_style: Sourced<DateStyle>,
    pub grouping: Sourced<Grouping>,
    /// The decimal mark amounts are typed and shown with; `None` is the usual one of the
    /// user's currency.
    pub decimal: Sourced<Option<DecimalMark>>,
    /// False when `NO_COLOR` asks for no colours.
    pub color: Sourced<bool>,
    pub preset: Sourced<Preset>,
    /// Colours the file sets, by role, as written.
    pub colours: Vec<(&'static str, Sourced<String>)>,
    /// The palette: the preset's, with the file's colours.
    pub palette: Palette,
    /// Extra key bindings, action name and key as written.
    pub keys: Vec<(String, Sourced<String>)>,
    pub keymap: KeyMap,
}

impl Settings {
    /// The app's colours: none with `NO_COLOR` or the plain preset, else the palette.
    pub fn theme(&self) -> Theme {
        if !self.color.value || self.preset.value == Preset::Plain {
            Theme::plain()
        } else {
            Theme::with_palette(self.palette)
        }
    }

    /// Each effective value as `spend config show` lists it: key, value, origin.
    pub fn entries(&self) -> Vec<(String, String, Origin)> {
        let mut rows = vec![
            match &self.db {
                // Through `Location`, so a server URL's password is never shown.
                Some(db) => (
                    "db".into(),
                    crate::store::Location::parse(db.value.as_os_str()).to_string(),
                    db.origin,
                ),
                None => (
                    "db".into(),
                    "(no home directory; pass --db)".into(),
                    Origin::Default,
                ),
            },
            match &self.user {
                Some(user) => ("user".into(), user.value.clone(), user.origin),
                None => (
                    "user".into(),
                    "(the database's default user)".into(),
                    Origin::Default,
                ),
            },
            entry("currency", &self.currency, |c| c.code().to_string()),
            entry("warn_percent", &self.warn_percent, u32::to_string),
            entry("export_dir", &self.export_dir, |p| p.display().to_string()),
            entry("date_format", &self.date_style, |s| s.name().to_string()),
            entry("grouping", &self.grouping, |g| {
                grouping_name(*g).to_string()
            }),
            entry("decimal", &self.decimal, |mark| {
                mark.map_or_else(
                    || "(the usual mark of the user's currency)".to_string(),
                    |mark| mark.symbol().to_string(),
                )
            }),
            entry("color", &self.color, |on| {
                if *on { "on" } else { "off" }.to_string()
            }),
            entry("theme.preset", &self.preset, |p| p.name().to_string()),
        ];
        for (role, colour) in &self.colours {
            rows.push((format!("theme.{role}"), colour.value.clone(), colour.origin));
        }
        for (action, key) in &self.keys {
            rows.push((format!("keys.{action}"), key.value.clone(), key.origin));
        }
        rows
    }
}

fn entry<T>(
    key: &str,
    value: &Sourced<T>,
    show: impl Fn(&T) -> String,
) -> (String, String, Origin) {
    (key.to_string(), show(&value.value), value.origin)
}

/// The name of a grouping in the config file and `SPEND_GROUPING`.
pub fn grouping_name(grouping: Grouping) -> &'static str {
    match grouping {
        Grouping::International => "international",
        Grouping::Indian => "indian",
    }
}

/// A colour as the config file writes it: a name, `#rrggbb` or an index 0 to 255.
pub fn parse_colour(text: &str) -> Option<Color> {
    text.trim().parse().ok()
}
