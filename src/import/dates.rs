//! Dates as banks write them: ISO, `DD/MM/YYYY`, `MM/DD/YYYY`, `DD.MM.YY`, `YYYY/M/D`,
//! two-digit years, with or without a time. Which order a file uses is settled by all its
//! dates together: a day above 12 tells day-first from month-first, and a file that
//! cannot tell is refused rather than guessed.

use chrono::NaiveDate;

use crate::domain::quoted;

use super::StatementError;

/// The order of a date's parts; separators (`-`, `/`, `.`) are read whatever they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DateOrder {
    /// `2025-05-09`, `2025/5/9`
    #[serde(rename = "YYYY-MM-DD")]
    YearMonthDay,
    /// `09/05/2025`, `09.05.25`
    #[serde(rename = "DD/MM/YYYY")]
    DayMonthYear,
    /// `05/09/2025`
    #[serde(rename = "MM/DD/YYYY")]
    MonthDayYear,
}

/// The advice every date refusal ends with.
const ADVICE: &str = "name the format with --date-format, such as --date-format DD/MM/YYYY";

impl DateOrder {
    /// Every order, in the order detection prefers when several read a file alike.
    pub const ALL: [DateOrder; 3] = [
        DateOrder::YearMonthDay,
        DateOrder::DayMonthYear,
        DateOrder::MonthDayYear,
    ];

    /// How the order is written for a person: `DD/MM/YYYY`.
    pub fn name(self) -> &'static str {
        match self {
            DateOrder::YearMonthDay => "YYYY-MM-DD",
            DateOrder::DayMonthYear => "DD/MM/YYYY",
            DateOrder::MonthDayYear => "MM/DD/YYYY",
        }
    }

    /// `--date-format FMT`: the order in which `D`, `M` and `Y` first appear, so
    /// `DD/MM/YYYY`, `dd.mm.yy`, `%m/%d/%Y` and `ymd` all say what they mean; `iso` too.
    pub fn parse_flag(text: &str) -> Result<DateOrder, StatementError> {
        let lower = text.trim().to_ascii_lowercase();
        if lower == "iso" {
            return Ok(DateOrder::YearMonthDay);
        }
        let first = |c: char| lower.find(c);
        let order = match (first('d'), first('m'), first('y')) {
            (Some(d), Some(m), Some(y)) if y < m && m < d => Some(DateOrder::YearMonthDay),
            (Some(d), Some(m), Some(y)) if d < m && m < y => Some(DateOrder::DayMonthYear),
            (Some(d), Some(m), Some(y)) if m < d && d < y => Some(DateOrder::MonthDayYear),
            _ => None,
        };
        order.ok_or_else(|| StatementError::File {
            reason: format!(
                "--date-format {} is not a date format; use one such as DD/MM/YYYY, \
                 MM/DD/YYYY or YYYY-MM-DD",
                quoted(text)
            ),
        })
    }

    /// The date a cell holds in this order, or `None` when it holds none.
    pub fn read(self, cell: &str) -> Option<NaiveDate> {
        let [a, b, c] = parts(cell)?;
        let (year, month, day) = match self {
            DateOrder::YearMonthDay if a.len() == 4 => (a, b, c),
            DateOrder::DayMonthYear if matches!(c.len(), 2 | 4) => (c, b, a),
            DateOrder::MonthDayYear if matches!(c.len(), 2 | 4) => (c, a, b),
            _ => return None,
        };
        if month.len() > 2 || day.len() > 2 {
            return None;
        }
        let two_digits = year.len() == 2;
        let year: i32 = year.parse().ok()?;
        let year = match year {
            // POSIX's `%y`: 69 to 99 are the 1900s, 00 to 68 the 2000s.
            0..=68 if two_digits => 2000 + year,
            69..=99 if two_digits => 1900 + year,
            _ => year,
        };
        NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
    }
}

/// A cell's three runs of digits, the time after the date (`T10:00`, ` 14:33:00`) set
/// aside; `20250509` is split as year, month, day.
fn parts(cell: &str) -> Option<[&str; 3]> {
    let cell = cell
        .trim()
        .trim_matches(|c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{FEFF}'));
    let date = match cell.find([' ', 'T']) {
        Some(at) => {
            let time = cell.get(at + 1..)?.trim_start();
            if !(time.starts_with(|c: char| c.is_ascii_digit()) && time.contains(':')) {
                return None;
            }
            cell.get(..at)?
        }
        None => cell,
    };
    let date = date.strip_suffix('.').unwrap_or(date);
    if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        return Some([date.get(..4)?, date.get(4..6)?, date.get(6..)?]);
    }
    let mut split = date.split(['-', '/', '.']);
    let parts = [split.next()?, split.next()?, split.next()?];
    let digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    (split.next().is_none() && parts.iter().all(|p| digits(p))).then_some(parts)
}

/// The order every date of a file reads in, from `(line, cell)` pairs. A cell no order
/// reads says nothing here (it is refused with its line later); an order some readable cell
/// contradicts is never chosen. Where orders that are left read some cell differently, the
/// file is refused with that cell as the example.
pub fn detect_order<'c>(cells: &[(u64, &'c str)]) -> Result<DateOrder, StatementError> {
    let mut contradicted: [Option<(u64, &'c str)>; 3] = [None; 3];
    let mut any = false;
    for &(line, cell) in cells {
        let reads = DateOrder::ALL.map(|order| order.read(cell).is_some());
        if !reads.iter().any(|&r| r) {
            continue;
        }
        any = true;
        for (slot, reads) in contradicted.iter_mut().zip(reads) {
            if !reads && slot.is_none() {
                *slot = Some((line, cell));
            }
        }
    }
    let alive: Vec<DateOrder> = DateOrder::ALL
        .into_iter()
        .zip(contradicted)
        .filter_map(|(order, against)| against.is_none().then_some(order))
        .collect();
    if !any {
        let example = cells.first().map_or(String::new(), |(line, cell)| {
            format!(" (line {line} has {})", quoted(cell))
        });
        return Err(StatementError::File {
            reason: format!(
                "the date column holds no date{example}; name the date column with --map date=COL"
            ),
        });
    }
    let Some(&first) = alive.first() else {
        return Err(no_order_fits(&contradicted));
    };
    for &(line, cell) in cells {
        let dates: Vec<_> = alive.iter().filter_map(|order| order.read(cell)).collect();
        if dates.windows(2).any(|pair| pair[0] != pair[1]) {
            let names: Vec<&str> = alive.iter().map(|o| o.name()).collect();
            return Err(StatementError::File {
                reason: format!(
                    "the dates read as {} alike, and no day above 12 settles which (line \
                     {line} has {}); name the format with --date-format {}",
                    names.join(" and as "),
                    quoted(cell),
                    names.join(" or --date-format ")
                ),
            });
        }
    }
    Ok(first)
}

/// The refusal when every order is contradicted by some date, naming one date against
/// each day-first and month-first reading.
fn no_order_fits(contradicted: &[Option<(u64, &str)>; 3]) -> StatementError {
    let against: Vec<String> = DateOrder::ALL
        .into_iter()
        .zip(contradicted)
        .skip(1)
        .filter_map(|(order, cell)| {
            cell.map(|(line, cell)| {
                format!("line {line} ({}) is not {}", quoted(cell), order.name())
            })
        })
        .collect();
    StatementError::File {
        reason: format!(
            "the dates fit no one format: {}; {ADVICE}",
            against.join(" and ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn every_shape_reads_in_its_order() {
        use DateOrder::{DayMonthYear, MonthDayYear, YearMonthDay};
        for (cell, order, expected) in [
            ("2025-05-09", YearMonthDay, date(2025, 5, 9)),
            ("2025/5/9", YearMonthDay, date(2025, 5, 9)),
            ("20250509", YearMonthDay, date(2025, 5, 9)),
            ("2025-05-09T14:33:00Z", YearMonthDay, date(2025, 5, 9)),
            ("2025-05-09 14:33", YearMonthDay, date(2025, 5, 9)),
            ("09/05/2025", DayMonthYear, date(2025, 5, 9)),
            ("9/5/2025", DayMonthYear, date(2025, 5, 9)),
            ("09.05.25", DayMonthYear, date(2025, 5, 9)),
            ("09.05.2025.", DayMonthYear, date(2025, 5, 9)),
            ("09-05-99", DayMonthYear, date(1999, 5, 9)),
            ("05/09/2025", MonthDayYear, date(2025, 5, 9)),
            ("05/09/2025 2:33:00 PM", MonthDayYear, date(2025, 5, 9)),
        ] {
            assert_eq!(order.read(cell), Some(expected), "{cell}");
        }
        for cell in [
            "",
            "Total",
            "2025-13-01",
            "31/02/2025",
            "2025-05",
            "1/2/3/4",
            "2025-05-09 foo",
        ] {
            assert!(
                DateOrder::ALL.iter().all(|o| o.read(cell).is_none()),
                "{cell}"
            );
        }
    }

    #[test]
    fn a_day_above_12_settles_the_order() {
        let cells = [(2, "05/06/2025"), (3, "13/06/2025"), (4, "Closing balance")];
        assert_eq!(detect_order(&cells), Ok(DateOrder::DayMonthYear));
        let cells = [(2, "05/06/2025"), (3, "06/13/2025")];
        assert_eq!(detect_order(&cells), Ok(DateOrder::MonthDayYear));
        let cells = [(2, "2025-05-06"), (3, "2025-06-13")];
        assert_eq!(detect_order(&cells), Ok(DateOrder::YearMonthDay));
        // Day and month equal: both orders read the same dates, so either is right.
        let cells = [(2, "05/05/2025"), (3, "07/07/2025")];
        assert_eq!(detect_order(&cells), Ok(DateOrder::DayMonthYear));
    }

    #[test]
    fn a_file_that_cannot_tell_is_refused_with_an_example() {
        let cells = [(7, "05/05/2025"), (8, "05/06/2025")];
        assert_eq!(
            detect_order(&cells).expect_err("ambiguous").to_string(),
            "the dates read as DD/MM/YYYY and as MM/DD/YYYY alike, and no day above 12 settles \
             which (line 8 has \"05/06/2025\"); name the format with --date-format DD/MM/YYYY \
             or --date-format MM/DD/YYYY"
        );
        let cells = [(2, "13/06/2025"), (3, "06/13/2025")];
        assert_eq!(
            detect_order(&cells).expect_err("conflict").to_string(),
            "the dates fit no one format: line 3 (\"06/13/2025\") is not DD/MM/YYYY and line 2 \
             (\"13/06/2025\") is not MM/DD/YYYY; name the format with --date-format, such as \
             --date-format DD/MM/YYYY"
        );
        assert_eq!(
            detect_order(&[(2, "soon")]).expect_err("none").to_string(),
            "the date column holds no date (line 2 has \"soon\"); name the date column with --map date=COL"
        );
    }

    #[test]
    fn the_flag_reads_every_way_of_writing_a_format() {
        for (flag, order) in [
            ("DD/MM/YYYY", DateOrder::DayMonthYear),
            ("dd.mm.yy", DateOrder::DayMonthYear),
            ("%m/%d/%Y", DateOrder::MonthDayYear),
            ("YYYY-MM-DD", DateOrder::YearMonthDay),
            ("iso", DateOrder::YearMonthDay),
            ("ymd", DateOrder::YearMonthDay),
        ] {
            assert_eq!(DateOrder::parse_flag(flag), Ok(order), "{flag}");
        }
        assert!(DateOrder::parse_flag("YYYY-DD-MM").is_err());
    }
}
