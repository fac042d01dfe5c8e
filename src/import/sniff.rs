//! A statement's layout: its delimiter, and which line is the header, past the preamble a
//! bank puts above it (account number, period, balances).

use csv::StringRecord;

use crate::domain::quoted;

use super::StatementError;
use super::mapping::{Columns, MapSpec, find_columns};

/// The delimiters banks use, in the order a tie is settled.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Lines looked at to find the delimiter and the header.
const SAMPLE_LINES: usize = 60;

/// A delimiter's name for messages and `--dry-run`.
pub fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "tab".into(),
        other => quoted(&char::from(other).to_string()),
    }
}

/// `--delimiter C`: one character, or `tab`/`\t`.
pub fn parse_delimiter(text: &str) -> Result<u8, StatementError> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        one if one.len() == 1 && one.is_ascii() && !one.contains(['"', '\n', '\r']) => {
            Ok(one.as_bytes()[0])
        }
        _ => Err(StatementError::File {
            reason: format!(
                "--delimiter {} is not one character; use one such as ',' ';' '|' or tab",
                quoted(text)
            ),
        }),
    }
}

/// The delimiter that splits the most lines of the sample into the same number of fields
/// (two or more): a preamble line has its own count, and so does a `,` inside amounts of
/// a `;` file, while the table's lines agree.
pub fn detect_delimiter(text: &str, skip: usize) -> Result<u8, StatementError> {
    let sample: String = text
        .lines()
        .skip(skip)
        .filter(|l| !l.trim().is_empty())
        .take(SAMPLE_LINES)
        .flat_map(|l| [l, "\n"])
        .collect();
    let mut best: Option<(usize, usize, u8)> = None;
    for delimiter in DELIMITERS {
        let mut counts: Vec<usize> = records(&sample, delimiter)
            .filter_map(Result::ok)
            .map(|(_, record)| record.len())
            .filter(|&n| n >= 2)
            .collect();
        counts.sort_unstable();
        let Some((fields, lines)) = modal(&counts) else {
            continue;
        };
        if best.is_none_or(|(l, f, _)| (lines, fields) > (l, f)) {
            best = Some((lines, fields, delimiter));
        }
    }
    best.map(|(_, _, d)| d).ok_or_else(|| StatementError::File {
        reason: "no line splits into columns at ',' ';' tab or '|'; name the delimiter with \
                 --delimiter"
            .into(),
    })
}

/// The most common value of sorted `counts` and how often it occurs; the larger on a tie.
fn modal(counts: &[usize]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for group in counts.chunk_by(|a, b| a == b) {
        let candidate = (group[0], group.len());
        if best.is_none_or(|(_, n)| candidate.1 >= n) {
            best = Some(candidate);
        }
    }
    best
}

/// Every record of `text` with the line it starts on; quoted fields may hold newlines,
/// delimiters and doubled quotes.
#[allow(clippy::naive_bytecount)] // A few bytes between records; not worth a crate.
pub fn records(
    text: &str,
    delimiter: u8,
) -> impl Iterator<Item = Result<(u64, StringRecord), StatementError>> + '_ {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut done = false;
    // The reader's own line count passes over blank lines, so lines are counted here from
    // where each record starts.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0_usize, 1_u64);
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut record = StringRecord::new();
        match reader.read_record(&mut record) {
            Ok(true) => {
                let mut start = record.position().map_or(counted_to, |p| {
                    usize::try_from(p.byte()).unwrap_or(counted_to)
                });
                // The position is where the reader began looking, before any blank lines.
                while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
                    start += 1;
                }
                let newlines = bytes
                    .get(counted_to..start)
                    .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
                line += newlines as u64;
                counted_to = start.max(counted_to);
                Some(Ok((line, record)))
            }
            Ok(false) => None,
            Err(error) => {
                done = true;
                let line = error.position().map_or(0, csv::Position::line);
                Some(Err(StatementError::Line {
                    line,
                    reason: format!("not readable CSV: {error}"),
                }))
            }
        }
    })
}

/// Where the table starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The header's cells; for a file without one (`--map` by numbers, data from the first
    /// line), empty.
    pub cells: Vec<String>,
    /// Its line, 0 when there is none.
    pub line: u64,
    /// Records before the first data row: preamble and header.
    pub records_before: usize,
    pub columns: Columns,
}

/// The header: the first record, after `skip` lines, whose cells give a date and an
/// amount column. With `--map` by numbers alone, a first record whose date cell is a date
/// is data, and the file has no header.
pub fn find_header(
    records: &[(u64, StringRecord)],
    skip: usize,
    spec: &MapSpec,
    is_date: impl Fn(&str) -> bool,
) -> Result<Header, StatementError> {
    let first = records
        .iter()
        .position(|(line, _)| *line > skip as u64)
        .ok_or_else(|| StatementError::File {
            reason: format!("the file has no lines after --skip {skip}"),
        })?;
    let cells = |record: &StringRecord| {
        record
            .iter()
            .map(|c| c.trim().to_string())
            .collect::<Vec<_>>()
    };
    let window = records.iter().enumerate().skip(first).take(SAMPLE_LINES);
    let mut first_error = None;
    for (index, (line, record)) in window {
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let header = cells(record);
        match find_columns(&header, spec) {
            Ok(columns) => {
                let headerless =
                    spec.by_number_only() && record.get(columns.date).is_some_and(&is_date);
                return Ok(if headerless {
                    Header {
                        cells: Vec::new(),
                        line: 0,
                        records_before: index,
                        columns,
                    }
                } else {
                    Header {
                        cells: header,
                        line: *line,
                        records_before: index + 1,
                        columns,
                    }
                });
            }
            Err(error) => {
                // The widest line is the likeliest header to name in the refusal.
                let width = record.len();
                if first_error.as_ref().is_none_or(|(w, _)| width > *w) {
                    first_error = Some((width, error));
                }
            }
        }
    }
    Err(first_error.map_or_else(
        || StatementError::File {
            reason: "the file has no header line".into(),
        },
        |(_, error)| error,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_the_table_agrees_on() {
        for (text, expected) in [
            ("date,amount,note\n2025-05-01,12.50,tea\n", b','),
            ("Datum;Betrag;Text\n01.05.2025;-1.234,50;Miete, Mai\n", b';'),
            (
                "Konto: 123;EUR\nZeitraum;Mai\n\nDatum;Betrag;Text;Saldo\n01.05.2025;-12,50;Tee;100\n02.05.2025;-2,50;Brot;97,5\n",
                b';',
            ),
            ("date\tamount\tnote\n2025-05-01\t12.50\ta, b\n", b'\t'),
            ("date|amount|note\n2025-05-01|12,50|tea\n", b'|'),
        ] {
            assert_eq!(detect_delimiter(text, 0), Ok(expected), "{text}");
        }
        assert!(detect_delimiter("just words\nmore words\n", 0).is_err());
    }

    #[test]
    fn the_header_is_found_below_the_preamble() {
        let text = "Account;12345678\nPeriod;01.05.2025 - 31.05.2025\n\nDate;Description;Amount\n01.05.2025;Tea;-2,50\n";
        let all: Vec<_> = records(text, b';')
            .collect::<Result<_, _>>()
            .expect("records");
        let header = find_header(&all, 0, &MapSpec::default(), |_| false).expect("header");
        assert_eq!((header.line, header.records_before), (4, 3));
        assert_eq!(header.cells, ["Date", "Description", "Amount"]);
        let spec = MapSpec::parse("date=1,amount=3").expect("spec");
        let header = find_header(&all, 4, &spec, |c| c.contains(".2025")).expect("headerless");
        assert_eq!((header.line, header.records_before), (0, 3));
    }
}
