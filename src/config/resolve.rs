//! Each preference resolved: a flag, else its environment variable, else the config file,
//! else the built-in default.

use std::path::{Path, PathBuf};

use toml::Spanned;

use crate::domain::{Currency, DEFAULT_WARN_PERCENT, DateStyle, DecimalMark, Grouping, quoted};
use crate::keys::KeyMap;
use crate::ui::Palette;

use super::file::{ConfigFile, Source, file_path};
use super::{CONFIG_VAR, ConfigError, Origin, Preset, Settings, Sourced, parse_colour};

/// The preferences that have a command-line flag, as given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags<'a> {
    pub db: Option<&'a Path>,
    pub user: Option<&'a str>,
    pub export_dir: Option<&'a Path>,
}

/// The config file: `SPEND_CONFIG`, else `$XDG_CONFIG_HOME/smart-spending-tracker/config.toml`.
pub fn default_config_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    set(env, CONFIG_VAR).map(PathBuf::from).or_else(|| {
        directories::ProjectDirs::from("", "", "smart-spending-tracker")
            .map(|dirs| dirs.config_dir().join("config.toml"))
    })
}

/// A variable's value; an empty one counts as unset.
fn set(env: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    env(name).filter(|value| !value.trim().is_empty())
}

/// Reads the config file at `path` (a missing file is no file) and resolves every
/// preference against `flags` and the environment `env` reads.
pub fn load(
    flags: Flags<'_>,
    env: &dyn Fn(&str) -> Option<String>,
    path: Option<&Path>,
) -> Result<Settings, ConfigError> {
    let source = path.map(read).transpose()?.flatten();
    let file = match &source {
        Some(source) => source.parse()?,
        None => ConfigFile::default(),
    };
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    let resolver = Resolver {
        env,
        source: source.as_ref(),
        home: home.as_deref(),
    };
    let (preset, palette, colours) = resolver.theme(&file)?;
    let (keys, keymap) = resolver.keys(&file)?;
    Ok(Settings {
        file: path.map(Path::to_path_buf),
        file_found: source.is_some(),
        db: resolver.db(flags.db, &file),
        user: resolver.user(flags.user, &file),
        currency: resolver.currency(&file)?,
        warn_percent: resolver.warn_percent(&file)?,
        export_dir: resolver.export_dir(flags.export_dir, &file),
        date_style: resolver.date_style(&file)?,
        grouping: resolver.grouping(&file)?,
        decimal: resolver.decimal(&file)?,
        color: match set(env, "NO_COLOR") {
            Some(_) => Sourced::new(false, Origin::Env("NO_COLOR")),
            None => Sourced::new(true, Origin::Default),
        },
        preset,
        colours,
        palette,
        keys,
        keymap,
    })
}

/// The file's text, `None` if there is no file.
fn read(path: &Path) -> Result<Option<Source>, ConfigError> {
    let refuse = |reason: String| ConfigError::Read {
        path: path.to_path_buf(),
        reason,
    };
    if path.is_dir() {
        return Err(refuse(
            "it is a directory; the config is a TOML file".into(),
        ));
    }
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes)
                .map_err(|_| refuse("it is not UTF-8 text; save it as UTF-8".into()))?;
            Ok(Some(Source {
                path: path.to_path_buf(),
                text,
            }))
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(refuse(error.to_string())),
    }
}

struct Resolver<'a> {
    env: &'a dyn Fn(&str) -> Option<String>,
    source: Option<&'a Source>,
    home: Option<&'a Path>,
}

impl Resolver<'_> {
    fn origin<T>(&self, value: &Spanned<T>) -> Origin {
        Origin::File {
            line: self.source.map_or(0, |s| s.line_of(value.span().start)),
        }
    }

    fn refuse<T>(&self, value: &Spanned<T>, key: &str, message: String) -> ConfigError {
        match self.source {
            Some(source) => source.error(value.span(), key, message),
            None => ConfigError::Env(message),
        }
    }

    fn path(&self, written: &str) -> PathBuf {
        match self.source {
            Some(source) => file_path(written, &source.path, self.home),
            None => PathBuf::from(written),
        }
    }

    fn db(&self, flag: Option<&Path>, file: &ConfigFile) -> Option<Sourced<PathBuf>> {
        if let Some(path) = flag {
            return Some(Sourced::new(path.to_path_buf(), Origin::Flag("--db")));
        }
        if let Some(path) = set(self.env, "SPEND_DB") {
            return Some(Sourced::new(path.into(), Origin::Env("SPEND_DB")));
        }
        if let Some(path) = &file.db {
            // A PostgreSQL URL is not a file beside the config.
            let written = path.get_ref();
            let value = match crate::store::Location::parse(std::ffi::OsStr::new(written)) {
                crate::store::Location::Postgres(url) => PathBuf::from(url),
                crate::store::Location::File(_) => self.path(written),
            };
            return Some(Sourced::new(value, self.origin(path)));
        }
        crate::store::default_path().map(|path| Sourced::new(path, Origin::Default))
    }

    fn user(&self, flag: Option<&str>, file: &ConfigFile) -> Option<Sourced<String>> {
        if let Some(user) = flag {
            return Some(Sourced::new(user.to_string(), Origin::Flag("--user")));
        }
        if let Some(user) = set(self.env, "SPEND_USER") {
            return Some(Sourced::new(user, Origin::Env("SPEND_USER")));
        }
        file.user
            .as_ref()
            .map(|user| Sourced::new(user.get_ref().trim().to_string(), self.origin(user)))
    }

    fn export_dir(&self, flag: Option<&Path>, file: &ConfigFile) -> Sourced<PathBuf> {
        if let Some(dir) = flag {
            return Sourced::new(dir.to_path_buf(), Origin::Flag("--export-dir"));
        }
        if let Some(dir) = set(self.env, "SPEND_EXPORT_DIR") {
            return Sourced::new(dir.into(), Origin::Env("SPEND_EXPORT_DIR"));
        }
        match &file.export_dir {
            Some(dir) => Sourced::new(self.path(dir.get_ref()), self.origin(dir)),
            None => Sourced::new(PathBuf::from("."), Origin::Default),
        }
    }

    fn currency(&self, file: &ConfigFile) -> Result<Sourced<Currency>, ConfigError> {
        if let Some(code) = set(self.env, "SPEND_CURRENCY") {
            let currency = Currency::parse(&code)
                .map_err(|e| ConfigError::Env(format!("SPEND_CURRENCY: {e}")))?;
            return Ok(Sourced::new(currency, Origin::Env("SPEND_CURRENCY")));
        }
        match &file.currency {
            Some(code) => Currency::parse(code.get_ref())
                .map(|c| Sourced::new(c, self.origin(code)))
                .map_err(|e| self.refuse(code, "currency", e.to_string())),
            None => Ok(Sourced::new(Currency::INR, Origin::Default)),
        }
    }

    fn warn_percent(&self, file: &ConfigFile) -> Result<Sourced<u32>, ConfigError> {
        let valid = |n: i64| u32::try_from(n).ok().filter(|p| (1..=100).contains(p));
        let message = |shown: &str| format!("{shown} is not a whole percent from 1 to 100");
        if let Some(text) = set(self.env, "SPEND_WARN_PERCENT") {
            let percent = text.trim().parse().ok().and_then(valid).ok_or_else(|| {
                ConfigError::Env(format!("SPEND_WARN_PERCENT {}", message(&quoted(&text))))
            })?;
            return Ok(Sourced::new(percent, Origin::Env("SPEND_WARN_PERCENT")));
        }
        match &file.warn_percent {
            Some(percent) => valid(*percent.get_ref())
                .map(|p| Sourced::new(p, self.origin(percent)))
                .ok_or_else(|| {
                    self.refuse(
                        percent,
                        "warn_percent",
                        message(&percent.get_ref().to_string()),
                    )
                }),
            None => Ok(Sourced::new(DEFAULT_WARN_PERCENT, Origin::Default)),
        }
    }

    fn date_style(&self, file: &ConfigFile) -> Result<Sourced<DateStyle>, ConfigError> {
        let message = |shown: String| {
            let names: Vec<&str> = DateStyle::ALL.iter().map(|s| s.name()).collect();
            format!("{shown} is not a date format; use {}", names.join(", "))
        };
        if let Some(text) = set(self.env, "SPEND_DATE_FORMAT") {
            let style = DateStyle::parse(&text).ok_or_else(|| {
                ConfigError::Env(format!("SPEND_DATE_FORMAT {}", message(quoted(&text))))
            })?;
            return Ok(Sourced::new(style, Origin::Env("SPEND_DATE_FORMAT")));
        }
        match &file.date_format {
            Some(text) => DateStyle::parse(text.get_ref())
                .map(|s| Sourced::new(s, self.origin(text)))
                .ok_or_else(|| self.refuse(text, "date_format", message(quoted(text.get_ref())))),
            None => Ok(Sourced::new(DateStyle::Iso, Origin::Default)),
        }
    }

    /// `SPEND_GROUPING`, else the file, else the locale, else international.
    fn grouping(&self, file: &ConfigFile) -> Result<Sourced<Grouping>, ConfigError> {
        if set(self.env, "SPEND_GROUPING").is_some() {
            let grouping =
                Grouping::from_env(self.env).map_err(|e| ConfigError::Env(e.to_string()))?;
            return Ok(Sourced::new(grouping, Origin::Env("SPEND_GROUPING")));
        }
        if let Some(text) = &file.grouping {
            return match text.get_ref().trim().to_ascii_lowercase().as_str() {
                "indian" => Ok(Sourced::new(Grouping::Indian, self.origin(text))),
                "international" => Ok(Sourced::new(Grouping::International, self.origin(text))),
                _ => Err(self.refuse(
                    text,
                    "grouping",
                    format!("{} is not indian or international", quoted(text.get_ref())),
                )),
            };
        }
        let locale = ["LC_ALL", "LC_NUMERIC", "LANG"]
            .into_iter()
            .find(|name| set(self.env, name).is_some());
        let from_locale = Grouping::from_env(|name| match name {
            "SPEND_GROUPING" => None,
            other => (self.env)(other),
        })
        .map_err(|e| ConfigError::Env(e.to_string()))?;
        Ok(Sourced::new(
            from_locale,
            locale.map_or(Origin::Default, Origin::Locale),
        ))
    }

    /// `SPEND_DECIMAL`, else the file; `None` leaves it to the user's currency.
    fn decimal(&self, file: &ConfigFile) -> Result<Sourced<Option<DecimalMark>>, ConfigError> {
        let message = |shown: String| format!("{shown} is not . or ,");
        if let Some(text) = set(self.env, "SPEND_DECIMAL") {
            let mark = DecimalMark::parse(&text).ok_or_else(|| {
                ConfigError::Env(format!("SPEND_DECIMAL {}", message(quoted(&text))))
            })?;
            return Ok(Sourced::new(Some(mark), Origin::Env("SPEND_DECIMAL")));
        }
        match &file.decimal {
            Some(text) => DecimalMark::parse(text.get_ref())
                .map(|mark| Sourced::new(Some(mark), self.origin(text)))
                .ok_or_else(|| self.refuse(text, "decimal", message(quoted(text.get_ref())))),
            None => Ok(Sourced::new(None, Origin::Default)),
        }
    }

    #[allow(clippy::type_complexity)] // Three parts of one table, read together.
    fn theme(
        &self,
        file: &ConfigFile,
    ) -> Result<
        (
            Sourced<Preset>,
            Palette,
            Vec<(&'static str, Sourced<String>)>,
        ),
        ConfigError,
    > {
        let Some(theme) = &file.theme else {
            return Ok((
                Sourced::new(Preset::Dark, Origin::Default),
                Palette::DARK,
                Vec::new(),
            ));
        };
        let preset = match &theme.preset {
            Some(name) => Preset::ALL
                .into_iter()
                .find(|p| p.name().eq_ignore_ascii_case(name.get_ref().trim()))
                .map(|p| Sourced::new(p, self.origin(name)))
                .ok_or_else(|| {
                    self.refuse(
                        name,
                        "theme.preset",
                        format!(
                            "{} is not a preset; use dark, light or plain",
                            quoted(name.get_ref())
                        ),
                    )
                })?,
            None => Sourced::new(Preset::Dark, Origin::Default),
        };
        let mut palette = match preset.value {
            Preset::Light => Palette::LIGHT,
            Preset::Dark | Preset::Plain => Palette::DARK,
        };
        let mut colours = Vec::new();
        for (role, text) in theme.colours() {
            let colour = parse_colour(text.get_ref()).ok_or_else(|| {
                self.refuse(
                    text,
                    &format!("theme.{role}"),
                    format!(
                        "{} is not a colour; use a name such as red or light-blue, #rrggbb, or 0 to 255",
                        quoted(text.get_ref())
                    ),
                )
            })?;
            if let Some(slot) = palette.role_mut(role) {
                *slot = colour;
            }
            colours.push((
                role,
                Sourced::new(text.get_ref().clone(), self.origin(text)),
            ));
        }
        Ok((preset, palette, colours))
    }

    #[allow(clippy::type_complexity)] // The bindings as written, and the map they make.
    fn keys(
        &self,
        file: &ConfigFile,
    ) -> Result<(Vec<(String, Sourced<String>)>, KeyMap), ConfigError> {
        let mut keymap = KeyMap::default();
        let mut written = Vec::new();
        for (action, value) in file.keys.iter().flatten() {
            let key_name = format!("keys.{action}");
            let keys: Vec<&str> = match value.get_ref() {
                toml::Value::String(key) => vec![key.as_str()],
                toml::Value::Array(items) => items
                    .iter()
                    .map(|item| item.as_str())
                    .collect::<Option<_>>()
                    .ok_or_else(|| {
                        self.refuse(
                            value,
                            &key_name,
                            "every key in the list must be a string such as \"ctrl-n\"".into(),
                        )
                    })?,
                _ => {
                    return Err(self.refuse(
                        value,
                        &key_name,
                        "write a key as a string (\"n\") or a list of them ([\"n\", \"ctrl-n\"])"
                            .into(),
                    ));
                }
            };
            for key in keys {
                keymap
                    .bind(action, key)
                    .map_err(|e| self.refuse(value, &key_name, e.to_string()))?;
                written.push((
                    action.clone(),
                    Sourced::new(key.to_string(), self.origin(value)),
                ));
            }
        }
        Ok((written, keymap))
    }
}
