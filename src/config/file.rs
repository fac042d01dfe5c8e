//! The config file as written: TOML read with serde, each value kept with where it stands
//! in the file, so a refusal names the line and the key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::ConfigError;

/// Every key the file may hold. Unknown keys are refused, so a misspelt one is not ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The database file.
    pub db: Option<Spanned<String>>,
    /// The email of the user commands act for.
    pub user: Option<Spanned<String>>,
    /// The currency of users created from now on.
    pub currency: Option<Spanned<String>>,
    /// The warning share, in percent, of users created from now on.
    pub warn_percent: Option<Spanned<i64>>,
    /// Where the app's `x` and `X` write.
    pub export_dir: Option<Spanned<String>>,
    /// `iso`, `day-first` or `month-first`.
    pub date_format: Option<Spanned<String>>,
    /// `international` or `indian`.
    pub grouping: Option<Spanned<String>>,
    /// `.` or `,`: the decimal mark amounts are typed and shown with.
    pub decimal: Option<Spanned<String>>,
    pub theme: Option<ThemeTable>,
    /// Action name to one key or a list of keys.
    pub keys: Option<BTreeMap<String, Spanned<toml::Value>>>,
}

/// `[theme]`: a preset, and any role's colour replaced.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeTable {
    pub preset: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub border: Option<Spanned<String>>,
    pub focused_border: Option<Spanned<String>>,
    pub key: Option<Spanned<String>>,
    pub selected: Option<Spanned<String>>,
    pub under: Option<Spanned<String>>,
    pub warning: Option<Spanned<String>>,
    pub exceeded: Option<Spanned<String>>,
    pub error: Option<Spanned<String>>,
    pub success: Option<Spanned<String>>,
    pub unfilled: Option<Spanned<String>>,
    pub input: Option<Spanned<String>>,
    pub bar: Option<Spanned<String>>,
}

impl ThemeTable {
    /// Each colour set, by role name.
    pub fn colours(&self) -> Vec<(&'static str, &Spanned<String>)> {
        [
            ("title", &self.title),
            ("border", &self.border),
            ("focused_border", &self.focused_border),
            ("key", &self.key),
            ("selected", &self.selected),
            ("under", &self.under),
            ("warning", &self.warning),
            ("exceeded", &self.exceeded),
            ("error", &self.error),
            ("success", &self.success),
            ("unfilled", &self.unfilled),
            ("input", &self.input),
            ("bar", &self.bar),
        ]
        .into_iter()
        .filter_map(|(role, value)| value.as_ref().map(|v| (role, v)))
        .collect()
    }
}

/// The text of a config file, and its path, for errors that point into it.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let before = self.text.get(..offset.min(self.text.len())).unwrap_or("");
        before.matches('\n').count() + 1
    }

    /// A refusal of the value at `span` under `key`.
    pub fn error(&self, span: std::ops::Range<usize>, key: &str, message: String) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.clone(),
            line: self.line_of(span.start),
            key: Some(key.to_string()),
            message,
        }
    }

    /// Parses the file, or says where and under which key it is wrong.
    pub fn parse(&self) -> Result<ConfigFile, ConfigError> {
        toml::from_str(&self.text).map_err(|error| {
            let span = error.span().unwrap_or(0..0);
            ConfigError::Invalid {
                path: self.path.clone(),
                line: self.line_of(span.start),
                key: key_at(&self.text, span.start),
                message: error
                    .message()
                    .trim()
                    .replace("expected i64", "expected a whole number"),
            }
        })
    }
}

/// The dotted key whose name or value holds the byte at `offset`, if the text parses.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let table = DeTable::parse(text).ok()?;
    let path = find(table.get_ref(), offset)?;
    Some(path.join("."))
}

fn find(table: &DeTable<'_>, offset: usize) -> Option<Vec<String>> {
    for (key, value) in table {
        let name = key.get_ref().to_string();
        if let DeValue::Table(inner) = value.get_ref()
            && let Some(mut path) = find(inner, offset)
        {
            path.insert(0, name);
            return Some(path);
        }
        if key.span().contains(&offset) || value.span().contains(&offset) {
            return Some(vec![name]);
        }
    }
    None
}

/// A path as the file writes it: `~/` is the home directory, and a relative path is
/// relative to the file's own directory.
pub fn file_path(written: &str, config: &Path, home: Option<&Path>) -> PathBuf {
    let path = match (written.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if written == "~" => home.map_or_else(|| PathBuf::from(written), Path::to_path_buf),
        _ => PathBuf::from(written),
    };
    if path.is_relative() {
        config.parent().map_or(path.clone(), |dir| dir.join(&path))
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source {
            path: PathBuf::from("/home/a/.config/smart-spending-tracker/config.toml"),
            text: text.to_string(),
        }
    }

    fn refusal(text: &str) -> String {
        source(text).parse().expect_err("refused").to_string()
    }

    #[test]
    fn a_wrong_type_names_the_line_and_key() {
        assert_eq!(
            refusal("db = \"x.db\"\n\nwarn_percent = \"80\"\n"),
            "/home/a/.config/smart-spending-tracker/config.toml line 3, key warn_percent: \
             invalid type: string \"80\", expected a whole number"
        );
        let nested = refusal("[theme]\npreset = \"dark\"\ntitle = 5\n");
        assert!(
            nested.contains("line 3, key theme.title: invalid type: integer `5`"),
            "{nested}"
        );
    }

    #[test]
    fn an_unknown_key_is_refused_not_ignored() {
        let message = refusal("user = \"a@b.c\"\ngroupin = \"indian\"\n");
        assert!(
            message.contains("line 2, key groupin: unknown field `groupin`"),
            "{message}"
        );
        let syntax = refusal("db = \n");
        assert!(syntax.contains("config.toml line 1"), "{syntax}");
    }

    #[test]
    fn paths_expand_home_and_follow_the_file() {
        let config = Path::new("/home/a/.config/spend/config.toml");
        let home = Some(Path::new("/home/a"));
        assert_eq!(
            file_path("~/l.db", config, home),
            PathBuf::from("/home/a/l.db")
        );
        assert_eq!(
            file_path("/srv/l.db", config, home),
            PathBuf::from("/srv/l.db")
        );
        assert_eq!(
            file_path("data/l.db", config, home),
            PathBuf::from("/home/a/.config/spend/data/l.db")
        );
    }
}
