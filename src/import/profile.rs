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
