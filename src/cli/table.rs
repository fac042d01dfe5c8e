//! Text tables measured in display columns: an emoji takes two, a combining mark none, so
//! columns line up whatever the script. Long text is cut with `…` at a column boundary;
//! numbers are never cut: their column widens to the widest.

use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Where a column's cells sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A column: its header, its alignment, and for text the most display columns it may take.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    pub align: Align,
    /// Cells wider than this are cut with `…`; `None` never cuts (numbers, and the last
    /// column, whose text has nothing after it to push out of line).
    pub max: Option<usize>,
}

impl Column {
    /// Text on the left, cut at `max` display columns.
    pub const fn text(header: &'static str, max: usize) -> Column {
        Column {
            header,
            align: Align::Left,
            max: Some(max),
        }
    }

    /// Text on the left, never cut: for the last column.
    pub const fn rest(header: &'static str) -> Column {
        Column {
            header,
            align: Align::Left,
            max: None,
        }
    }

    /// A number on the right, never cut.
    pub const fn number(header: &'static str) -> Column {
        Column {
            header,
            align: Align::Right,
            max: None,
        }
    }
}

/// Rows of cells under a header, laid out when written.
#[derive(Debug, Clone)]
pub struct Table {
    indent: &'static str,
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
    header: bool,
}

/// The space between two columns.
const GAP: &str = "  ";

impl Table {
    /// A table whose lines start with `indent`.
    pub fn new(indent: &'static str, columns: &[Column]) -> Table {
        Table {
            indent,
            columns: columns.to_vec(),
            rows: Vec::new(),
            header: true,
        }
    }

    /// The same table without its header line, for lists whose lines speak for themselves.
    #[must_use]
    pub fn without_header(self) -> Table {
        Table {
            header: false,
            ..self
        }
    }

    /// Adds a row, one cell per column; text must already be printable.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Writes the header and the rows, each column as wide as its widest cell (or its
    /// limit), with no spaces at the ends of lines.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut layout = Layout::new(self);
        for row in &self.rows {
            layout.measure(row);
        }
        layout.write_header(out)?;
        for row in &self.rows {
            layout.write_row(out, row)?;
        }
        Ok(())
    }

    fn line(&self, out: &mut dyn Write, cells: &[String], widths: &[usize]) -> io::Result<()> {
        let mut line = String::from(self.indent);
        for (index, (column, width)) in self.columns.iter().zip(widths).enumerate() {
            let cell = cells.get(index).map_or("", String::as_str);
            let text = truncate(cell, *width);
            let pad = " ".repeat(width.saturating_sub(text.width()));
            if index > 0 {
                line.push_str(GAP);
            }
            match column.align {
                Align::Left => {
                    line.push_str(&text);
                    line.push_str(&pad);
                }
                Align::Right => {
                    line.push_str(&pad);
                    line.push_str(&text);
                }
            }
        }
        writeln!(out, "{}", line.trim_end())
    }
}

/// The widths of a table's columns, measured row by row: for rows read twice from the
/// database (once to measure, once to write) instead of held in memory.
#[derive(Debug, Clone)]
pub struct Layout<'t> {
    table: &'t Table,
    widths: Vec<usize>,
}

impl<'t> Layout<'t> {
    /// The layout of `table` before any row: its header's widths.
    pub fn new(table: &'t Table) -> Layout<'t> {
        let widths = table
            .columns
            .iter()
            .map(|c| if table.header { c.header.width() } else { 0 })
            .collect();
        Layout { table, widths }
    }

    /// Widens the columns to fit `cells`, up to each column's limit.
    pub fn measure(&mut self, cells: &[String]) {
        for ((width, column), cell) in self.widths.iter_mut().zip(&self.table.columns).zip(cells) {
            let wanted = column.max.map_or(cell.width(), |max| cell.width().min(max));
            *width = (*width).max(wanted);
        }
    }

    pub fn write_header(&self, out: &mut dyn Write) -> io::Result<()> {
        if !self.table.header {
            return Ok(());
        }
        let header: Vec<String> = self
            .table
            .columns
            .iter()
            .map(|c| c.header.to_string())
            .collect();
        self.write_row(out, &header)
    }

    pub fn write_row(&self, out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
        self.table.line(out, cells, &self.widths)
    }
}

/// `text` cut to at most `width` display columns, ending in `…` when cut. A character is
/// never split, and the combining marks of the last one kept stay with it.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    // One column for the ellipsis.
    let room = width.saturating_sub(1);
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    // A joiner with nothing after it to join is dropped with what it would have joined.
    while kept.ends_with('\u{200d}') {
        kept.pop();
    }
    if width > 0 {
        kept.push('…');
    }
    kept
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::{Column, Table, truncate};

    #[test]
    fn truncation_keeps_whole_characters_within_the_width() {
        assert_eq!(truncate("Groceries", 20), "Groceries");
        assert_eq!(truncate("Groceries", 5), "Groc…");
        assert_eq!(truncate("🍕🍕🍕", 4), "🍕…", "an emoji is never halved");
        assert_eq!(truncate("🍕🍕🍕", 4).width(), 3);
        // सब्ज़ी: स ब ् ज ़ ी; the nukta stays with its ज.
        let cut = truncate("सब्ज़ी मंडी", 4);
        assert!(cut.width() <= 4, "{cut}");
        assert!(cut.starts_with("सब्ज़"), "{cut}");
        assert_eq!(
            truncate("👨\u{200d}👩 family", 4),
            "👨…",
            "no joiner left dangling"
        );
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn columns_are_as_wide_as_their_widest_cell_and_lines_end_clean() {
        let mut table = Table::new("  ", &[Column::text("Name", 8), Column::number("Amount")]);
        table.row(vec!["🍕 Pizza".into(), "9,999,999,999.99".into()]);
        table.row(vec!["A very long name".into(), "1.00".into()]);
        let mut out = Vec::new();
        table.write(&mut out).expect("write");
        let text = String::from_utf8(out).expect("UTF-8");
        assert_eq!(
            text,
            "  Name                Amount\n  🍕 Pizza  9,999,999,999.99\n  A very …              1.00\n"
        );
    }
}
