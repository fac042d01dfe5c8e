//! The import dialog: the path and mapping fields, how the file reads, the first rows as
//! they will be stored with their status, the counts, and the keys.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::app::{AppView, ImportDialog};
use crate::domain::{fit_width, pad_width, printable};
use crate::import::{Planned, Status};

use super::super::Theme;
use super::{dialog_block, dialog_width, field_height, fields, height_of, popup, wrapped};

pub(super) fn render(
    frame: &mut Frame,
    screen: Rect,
    view: &AppView,
    dialog: &ImportDialog,
    theme: Theme,
) {
    let width = dialog_width(screen, 110);
    let inner_width = width.saturating_sub(2);
    let fields_height = field_height(&dialog.path, inner_width)
        + field_height(&dialog.mapping, inner_width)
        + field_height(&dialog.formats, inner_width);
    let reading: Vec<String> = dialog
        .preview
        .iter()
        .flat_map(|p| p.reading.iter())
        .flat_map(|line| wrapped(&printable(line), inner_width))
        .collect();
    let error = dialog
        .error
        .as_deref()
        .map(|e| wrapped(&printable(e), inner_width))
        .unwrap_or_default();
    let counts = dialog.preview.as_ref().map(crate::app::Preview::counts);
    let summary = counts.map_or_else(Vec::new, |counts| {
        let mut summary = counts.summary("Would import");
        if counts.errors > 0 {
            let _ = write!(summary, ", {} cannot be read", counts.errors);
        }
        wrapped(&summary, inner_width)
    });
    // Borders and the keys; the rows get whatever room is left.
    let fixed = fields_height + height_of(reading.len() + summary.len() + error.len()) + 3;
    let wanted_rows = dialog.preview.as_ref().map_or(0, |p| p.plan.len() + 1);
    let rows_height = height_of(wanted_rows).min(screen.height.saturating_sub(fixed));
    let area = popup(screen, width, fixed + rows_height);
    let block = dialog_block(" Import a bank statement ", theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let [
        fields_area,
        reading_area,
        rows_area,
        counts_area,
        error_area,
        hints_area,
    ] = Layout::vertical([
        Constraint::Length(fields_height),
        Constraint::Length(height_of(reading.len())),
        Constraint::Length(rows_height),
        Constraint::Length(height_of(summary.len())),
        Constraint::Length(height_of(error.len())),
        Constraint::Length(1),
    ])
    .areas(inner);
    fields(
        frame,
        fields_area,
        &[
            (&dialog.path, dialog.focus == 0),
            (&dialog.mapping, dialog.focus == 1),
            (&dialog.formats, dialog.focus == 2),
        ],
        theme,
    );
    let dim: Vec<Line> = reading
        .into_iter()
        .map(|l| Line::styled(l, theme.dim()))
        .collect();
    frame.render_widget(Paragraph::new(dim), reading_area);
    if let Some(preview) = &dialog.preview {
        frame.render_widget(
            Paragraph::new(row_lines(view, &preview.plan, rows_area, theme)),
            rows_area,
        );
    }
    let style = if counts.is_some_and(|c| c.errors > 0) {
        theme.error()
    } else {
        theme.bold()
    };
    let summary: Vec<Line> = summary
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect();
    frame.render_widget(Paragraph::new(summary), counts_area);
    let errors: Vec<Line> = error
        .into_iter()
        .map(|l| Line::styled(l, theme.error()))
        .collect();
    frame.render_widget(Paragraph::new(errors), error_area);
    let enter = if dialog.preview_is_current() {
        "import"
    } else {
        "preview"
    };
    let hints = [
        ("Enter", enter),
        ("Tab", "complete / switch"),
        ("Esc", "cancel"),
    ];
    frame.render_widget(
        Paragraph::new(super::super::key_hints(&hints, theme)),
        hints_area,
    );
}

/// The header and as many rows as `area` holds: line, date, amount, category, status and
/// the note (or, for a row not imported, why).
fn row_lines<'a>(view: &AppView, plan: &[Planned], area: Rect, theme: Theme) -> Vec<Line<'a>> {
    let room = usize::from(area.height);
    if room == 0 {
        return Vec::new();
    }
    let cells = |line: &str, date: &str, amount: &str, category: &str, status: &str, note: &str| {
        let fixed = format!(
            "{:>5}  {}  {:>14}  {}  {}  ",
            line,
            pad_width(date, 10),
            amount,
            pad_width(&fit_width(category, 14), 14),
            pad_width(status, 9)
        );
        let left = usize::from(area.width).saturating_sub(fixed.chars().count());
        format!("{fixed}{}", fit_width(note, left))
    };
    let mut lines = vec![Line::styled(
        cells("Line", "Date", "Amount", "Category", "Status", "Note"),
        theme.bold(),
    )];
    for p in plan.iter().take(room - 1) {
        let amount = p
            .amount
            .zip(p.currency)
            .map(|(a, c)| format!("{} {c}", view.money_in(c, a)))
            .unwrap_or_default();
        let note = match p.status {
            Status::Error | Status::Skipped => p.reason.clone(),
            _ => p.note.clone(),
        };
        let text = cells(
            &p.line.to_string(),
            &p.date.map(|d| d.to_string()).unwrap_or_default(),
            &amount,
            &printable(p.category.as_deref().unwrap_or("")),
            p.status.name(),
            &printable(note.as_deref().unwrap_or("")),
        );
        let style = match p.status {
            Status::Error => theme.error(),
            Status::New => ratatui::style::Style::default(),
            Status::Duplicate | Status::Inflow | Status::Skipped => theme.dim(),
        };
        lines.push(Line::styled(text, style));
    }
    lines
}
