//! Digit grouping for reading amounts: international `1,234,567.89` or Indian
//! `12,34,567.89` (lakh and crore), and which one a person's environment asks for.

use thiserror::Error;

use super::quoted;

/// How the integer digits of an amount are grouped for reading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Grouping {
    /// Thousands: `1,234,567.89`.
    #[default]
    International,
    /// The last three digits, then pairs: `12,34,567.89`.
    Indian,
}

/// A `SPEND_GROUPING` value that names no grouping.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("SPEND_GROUPING {} is not indian or international", quoted(.0))]
pub struct GroupingError(pub String);

impl Grouping {
    /// The grouping the environment asks for: `SPEND_GROUPING` (`indian` or
    /// `international`) if set; else Indian when the locale for numbers names India
    /// (`en_IN.UTF-8`, `hi_IN`), the locale being the first set of `LC_ALL`, `LC_NUMERIC`
    /// and `LANG`, as POSIX orders them; else international. `var` reads one variable, so
    /// the app and the command line call this with `|name| std::env::var(name).ok()`.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Grouping, GroupingError> {
        let set = |name: &str| var(name).filter(|value| !value.trim().is_empty());
        if let Some(chosen) = set("SPEND_GROUPING") {
            return match chosen.trim().to_ascii_lowercase().as_str() {
                "indian" => Ok(Grouping::Indian),
                "international" => Ok(Grouping::International),
                _ => Err(GroupingError(chosen)),
            };
        }
        let locale = ["LC_ALL", "LC_NUMERIC", "LANG"].into_iter().find_map(set);
        let indian = locale.is_some_and(|locale| {
            let territory = locale.split(['.', '@']).next().unwrap_or_default();
            territory.ends_with("_IN")
        });
        Ok(if indian {
            Grouping::Indian
        } else {
            Grouping::International
        })
    }

    /// `digits` (ASCII digits only) with `separator` between their groups.
    pub(super) fn group(self, digits: &str, separator: char) -> String {
        let len = digits.len();
        let mut grouped = String::with_capacity(len + len / 2);
        for (index, digit) in digits.chars().enumerate() {
            let left = len - index;
            let boundary = match self {
                Grouping::International => left.is_multiple_of(3),
                // Three digits at the right end, then groups of two.
                Grouping::Indian => left == 3 || (left > 3 && (left - 3).is_multiple_of(2)),
            };
            if index > 0 && boundary {
                grouped.push(separator);
            }
            grouped.push(digit);
        }
        grouped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn groups_by_thousands_or_lakhs() {
        for (digits, international, indian) in [
            ("0", "0", "0"),
            ("999", "999", "999"),
            ("1000", "1,000", "1,000"),
            ("100000", "100,000", "1,00,000"),
            ("1234567", "1,234,567", "12,34,567"),
            ("9999999999", "9,999,999,999", "9,99,99,99,999"),
        ] {
            assert_eq!(Grouping::International.group(digits, ','), international);
            assert_eq!(Grouping::Indian.group(digits, ','), indian);
        }
    }

    #[test]
    fn the_environment_chooses_and_spend_grouping_overrides() {
        let choose = |pairs: &[(&str, &str)]| Grouping::from_env(env(pairs));
        assert_eq!(choose(&[]), Ok(Grouping::International));
        assert_eq!(choose(&[("LANG", "en_IN.UTF-8")]), Ok(Grouping::Indian));
        assert_eq!(choose(&[("LANG", "hi_IN")]), Ok(Grouping::Indian));
        assert_eq!(
            choose(&[("LANG", "en_US.UTF-8")]),
            Ok(Grouping::International)
        );
        assert_eq!(
            choose(&[("LANG", "en_IN.UTF-8"), ("LC_NUMERIC", "de_DE.UTF-8")]),
            Ok(Grouping::International),
            "LC_NUMERIC comes before LANG"
        );
        assert_eq!(
            choose(&[("LC_ALL", "en_IN"), ("LC_NUMERIC", "C")]),
            Ok(Grouping::Indian),
            "LC_ALL comes first"
        );
        assert_eq!(
            choose(&[("LC_ALL", ""), ("LANG", "ta_IN.UTF-8")]),
            Ok(Grouping::Indian),
            "an empty variable is not set"
        );
        assert_eq!(
            choose(&[("LANG", "en_IN.UTF-8"), ("SPEND_GROUPING", "International")]),
            Ok(Grouping::International)
        );
        assert_eq!(
            choose(&[("SPEND_GROUPING", "indian")]),
            Ok(Grouping::Indian)
        );
        assert_eq!(
            choose(&[("SPEND_GROUPING", "lakh")])
                .expect_err("unknown")
                .to_string(),
            "SPEND_GROUPING \"lakh\" is not indian or international"
        );
    }
}
