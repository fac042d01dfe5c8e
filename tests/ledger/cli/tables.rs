//! Tables line up in display columns whatever the text: emoji (two columns), Devanagari
//! with combining marks (some none), long names (cut with `…`) and ten-digit amounts
//! (never cut: the column widens).

use unicode_width::UnicodeWidthChar;

use super::Spend;
use crate::ledgers::{Engine, on_every_engine};

const PIZZA: &str = "🍕 Pizza";
const SABZI: &str = "सब्ज़ी मंडी";
/// Sixty characters.
const LONG: &str = "Groceries and household supplies for the whole family, month";
const HUGE: &str = "9,999,999,999.99";

/// A cell of a printed line: its text and the display columns it spans.
#[derive(Debug)]
struct Cell {
    text: String,
    start: usize,
    end: usize,
}

/// The cells of a line: runs of text parted by two or more spaces.
fn cells(line: &str) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    let (mut column, mut spaces) = (0, 0);
    for c in line.chars() {
        if c == ' ' {
            spaces += 1;
        } else {
            let joins = spaces < 2 && !cells.is_empty() && column > 0;
            match cells.last_mut() {
                Some(cell) if joins => {
                    cell.text.extend(std::iter::repeat_n(' ', spaces));
                    cell.text.push(c);
                }
                _ => cells.push(Cell {
                    text: c.to_string(),
                    start: column,
                    end: column,
                }),
            }
            spaces = 0;
        }
        column += c.width().unwrap_or(0);
        if c != ' '
            && let Some(cell) = cells.last_mut()
        {
            cell.end = column;
        }
    }
    cells
}

/// Checks every line has the same cells in the same columns: left-aligned cells (`L`)
/// start together, right-aligned ones (`R`) end together.
fn assert_aligned(lines: &[&str], align: &str) {
    let rows: Vec<Vec<Cell>> = lines.iter().map(|l| cells(l)).collect();
    for (line, row) in lines.iter().zip(&rows) {
        assert_eq!(row.len(), align.len(), "{line:?} has cells {row:?}");
    }
    for (index, side) in align.chars().enumerate() {
        let edges: Vec<usize> = rows
            .iter()
            .map(|row| {
                if side == 'L' {
                    row[index].start
                } else {
                    row[index].end
                }
            })
            .collect();
        assert!(
            edges.iter().all(|e| *e == edges[0]),
            "column {index} ({side}) at {edges:?}:\n{}",
            lines.join("\n")
        );
    }
}

/// The groups of consecutive indented lines: the tables of a report.
fn indented_tables(text: &str) -> Vec<Vec<&str>> {
    let mut tables: Vec<Vec<&str>> = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        if line.starts_with("  ") {
            current.push(line);
        } else if !current.is_empty() {
            tables.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tables.push(current);
    }
    tables
}

fn wide_ledger(engine: &Engine) -> Spend {
    let spend = Spend::on(engine);
    for name in [PIZZA, SABZI, LONG] {
        spend.ok(&["category", "add", name]);
    }
    for (amount, category, note) in [
        ("12", PIZZA, "Friday"),
        ("1,00,000", SABZI, "सब्ज़ियाँ और फल"),
        ("9999999999.99", LONG, "a year of it"),
        ("7.50", "Food", "chai ☕"),
    ] {
        spend.ok(&[
            "add",
            amount,
            category,
            "--note",
            note,
            "--date",
            "2025-05-10",
        ]);
    }
    spend.ok(&["budget", "set", LONG, "9999999999.99"]);
    spend.ok(&["budget", "set", PIZZA, "500"]);
    spend
}

#[test]
fn list_report_and_budgets_line_up_in_display_columns() {
    on_every_engine(wide_ledger, |spend| {
        let list = spend.ok(&["list"]);
        let lines: Vec<&str> = list.lines().collect();
        assert_eq!(lines.len(), 5, "{list}");
        assert_aligned(&lines, "RLLRL");
        assert!(list.contains(HUGE), "the amount is never cut:\n{list}");
        assert!(list.contains(PIZZA) && list.contains(SABZI), "{list}");
        assert!(
            list.contains("Groceries and household…") && !list.contains(LONG),
            "a long name is cut with …:\n{list}"
        );

        let report = spend.ok(&["report"]);
        let tables = indented_tables(&report);
        assert_eq!(tables.len(), 3, "{report}");
        assert_aligned(&tables[0], "LRR");
        assert_aligned(&tables[1], "LR");
        assert_aligned(&tables[2], "LRRRRL");
        assert!(tables[1].iter().any(|l| l.contains(SABZI)), "{report}");

        let budgets = spend.ok(&["budget", "list"]);
        let lines: Vec<&str> = budgets.lines().collect();
        assert_eq!(lines.len(), 3, "{budgets}");
        assert_aligned(&lines, "LRRRRL");
        assert!(budgets.contains(HUGE), "{budgets}");
    });
}

#[test]
fn the_cell_reader_sees_misalignment() {
    // A byte- or char-counted pad puts the emoji row's amount one column off.
    let misaligned = [
        "  Name      Amount",
        "  🍕 Pizza   12.00",
        "  Rice      12.00",
    ];
    let rows: Vec<Vec<Cell>> = misaligned.iter().map(|l| cells(l)).collect();
    assert_eq!(rows[1][0].text, "🍕 Pizza");
    assert_eq!((rows[1][0].start, rows[1][0].end), (2, 10));
    assert_ne!(rows[1][1].end, rows[2][1].end);
    let result = std::panic::catch_unwind(|| assert_aligned(&misaligned, "LR"));
    assert!(result.is_err(), "a misaligned table is caught");
}
