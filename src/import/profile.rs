//! A bank's import settings under a name, so next month's statement is one short command.
//! Kept as JSON, so a new option needs no migration; a flag given beside `--profile` wins.

use serde::{Deserialize, Serialize};

use super::{DateOrder, DecimalMark, Outflows, StatementError};

/// What `--save-profile` keeps: the settings in effect, including what was detected.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportProfile {
    /// As `--map` takes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_format: Option<DateOrder>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimal: Option<DecimalMark>,
    /// As `--delimiter` takes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outflows: Option<Outflows>,
}

impl ImportProfile {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Reads a stored profile; one this version cannot read is refused by name.
    pub fn from_json(name: &str, json: &str) -> Result<ImportProfile, StatementError> {
        serde_json::from_str(json).map_err(|e| StatementError::File {
            reason: format!(
                "import profile {name:?} cannot be read ({e}); save it again with --save-profile {name}"
            ),
        })
    }

    /// This profile with `over`'s settings put over its own.
    #[must_use]
    pub fn overridden_by(self, over: ImportProfile) -> ImportProfile {
        ImportProfile {
            map: over.map.or(self.map),
            date_format: over.date_format.or(self.date_format),
            decimal: over.decimal.or(self.decimal),
            delimiter: over.delimiter.or(self.delimiter),
            encoding: over.encoding.or(self.encoding),
            skip: over.skip.or(self.skip),
            outflows: over.outflows.or(self.outflows),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_reads_back_as_saved_and_flags_win() {
        let saved = ImportProfile {
            map: Some("date=Buchungstag,amount=Betrag".into()),
            date_format: Some(DateOrder::DayMonthYear),
            decimal: Some(DecimalMark::Comma),
            delimiter: Some(";".into()),
            encoding: Some("windows-1252".into()),
            skip: Some(3),
            outflows: None,
        };
        let json = saved.to_json();
        assert_eq!(
            json,
            r#"{"map":"date=Buchungstag,amount=Betrag","date_format":"DD/MM/YYYY","decimal":",","delimiter":";","encoding":"windows-1252","skip":3}"#
        );
        assert_eq!(ImportProfile::from_json("bank", &json), Ok(saved.clone()));
        let flags = ImportProfile {
            decimal: Some(DecimalMark::Dot),
            ..ImportProfile::default()
        };
        assert_eq!(saved.overridden_by(flags).decimal, Some(DecimalMark::Dot));
        assert!(ImportProfile::from_json("bank", "{\"colour\":1}").is_err());
    }
}

/// Settings written as the app's import dialog takes them: `key=value` words, such as
/// `date=DD/MM/YYYY decimal=, outflows=positive profile=mybank`, each key one of the command
/// line's options. Returns the profile named (to read first) and the settings given.
pub fn parse_settings(text: &str) -> Result<(Option<String>, ImportProfile), StatementError> {
    let bad = |reason: String| StatementError::File { reason };
    let mut profile = None;
    let mut settings = ImportProfile::default();
    for word in text.split_whitespace() {
        let (key, value) = word.split_once('=').ok_or_else(|| {
            bad(format!(
                "{word:?} is not key=value; write settings such as date=DD/MM/YYYY decimal=,"
            ))
        })?;
        match key {
            "date" | "date-format" => settings.date_format = Some(DateOrder::parse_flag(value)?),
            "decimal" => {
                settings.decimal = Some(
                    DecimalMark::parse(value)
                        .ok_or_else(|| bad(format!("decimal={value} is not . or ,")))?,
                );
            }
            "delimiter" => settings.delimiter = Some(value.to_string()),
            "encoding" => settings.encoding = Some(value.to_string()),
            "skip" => {
                settings.skip = Some(
                    value
                        .parse()
                        .map_err(|_| bad(format!("skip={value} is not a number of lines")))?,
                );
            }
            "outflows" => {
                settings.outflows = Some(match value {
                    "negative" => Outflows::Negative,
                    "positive" => Outflows::Positive,
                    _ => return Err(bad(format!("outflows={value} is not negative or positive"))),
                });
            }
            "profile" => profile = Some(value.to_string()),
            _ => {
                return Err(bad(format!(
                    "{key:?} is not a setting; use date, decimal, delimiter, encoding, skip, \
                     outflows or profile"
                )));
            }
        }
    }
    Ok((profile, settings))
}

#[cfg(test)]
mod settings_words {
    use super::*;

    #[test]
    fn the_dialogs_settings_read_as_the_flags_do() {
        let (profile, settings) =
            parse_settings("date=DD/MM/YYYY decimal=, outflows=positive skip=2 profile=bank")
                .expect("reads");
        assert_eq!(profile.as_deref(), Some("bank"));
        assert_eq!(settings.date_format, Some(DateOrder::DayMonthYear));
        assert_eq!(settings.decimal, Some(DecimalMark::Comma));
        assert_eq!(settings.outflows, Some(Outflows::Positive));
        assert_eq!(settings.skip, Some(2));
        assert_eq!(
            parse_settings("  ").expect("empty"),
            (None, ImportProfile::default())
        );
        assert_eq!(
            parse_settings("colour=red")
                .expect_err("unknown")
                .to_string(),
            "\"colour\" is not a setting; use date, decimal, delimiter, encoding, skip, outflows \
             or profile"
        );
        assert!(parse_settings("decimal=;").is_err());
        assert!(parse_settings("date").is_err());
    }
}
