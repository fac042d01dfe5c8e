//! How dates are written for reading: ISO (`2025-05-20`), day first (`20/05/2025`) or month
//! first (`05/20/2025`). Files for programs (CSV, JSON, journals) always stay ISO.

use std::fmt;

use chrono::NaiveDate;

/// The order in which a date's parts are shown to a person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum DateStyle {
    /// `2025-05-20`
    #[default]
    Iso,
    /// `20/05/2025`
    DayFirst,
    /// `05/20/2025`
    MonthFirst,
}

impl DateStyle {
    /// Every style, in the order help lists them.
    pub const ALL: [DateStyle; 3] = [DateStyle::Iso, DateStyle::DayFirst, DateStyle::MonthFirst];

    /// The name the config file and `SPEND_DATE_FORMAT` use: `iso`, `day-first`, `month-first`.
    pub fn name(self) -> &'static str {
        match self {
            DateStyle::Iso => "iso",
            DateStyle::DayFirst => "day-first",
            DateStyle::MonthFirst => "month-first",
        }
    }

    /// The style a name (in any case) stands for.
    pub fn parse(name: &str) -> Option<DateStyle> {
        let name = name.trim();
        DateStyle::ALL
            .into_iter()
            .find(|style| style.name().eq_ignore_ascii_case(name))
    }

    /// The `strftime` pattern of a whole date, always ten characters wide.
    pub fn pattern(self) -> &'static str {
        match self {
            DateStyle::Iso => "%Y-%m-%d",
            DateStyle::DayFirst => "%d/%m/%Y",
            DateStyle::MonthFirst => "%m/%d/%Y",
        }
    }

    /// A date in this style.
    pub fn format(self, date: NaiveDate) -> String {
        date.format(self.pattern()).to_string()
    }
}

impl fmt::Display for DateStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::DateStyle;
    use chrono::NaiveDate;

    #[test]
    fn each_style_orders_the_parts_and_keeps_ten_columns() {
        let date = NaiveDate::from_ymd_opt(2025, 5, 2).expect("valid date");
        let written: Vec<String> = DateStyle::ALL.iter().map(|s| s.format(date)).collect();
        assert_eq!(written, ["2025-05-02", "02/05/2025", "05/02/2025"]);
        assert!(written.iter().all(|w| w.len() == 10));
    }

    #[test]
    fn names_round_trip_in_any_case() {
        for style in DateStyle::ALL {
            assert_eq!(DateStyle::parse(style.name()), Some(style));
            assert_eq!(DateStyle::parse(&style.name().to_uppercase()), Some(style));
        }
        assert_eq!(DateStyle::parse("dmy"), None);
    }
}
