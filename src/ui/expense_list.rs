//! The month's expenses: a table with a visible selection and a scrollbar.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, HighlightSpacing, Paragraph, Row, Scrollbar, ScrollbarOrientation, ScrollbarState,
    Table, TableState, Wrap,
};

use crate::app::App;
use crate::domain::Expense;
use crate::domain::printable;

use super::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let shown = app.list.total;
    let filtering = app
        .filter
        .as_ref()
        .is_some_and(|f| !f.field.value().trim().is_empty());
    let title = if filtering {
        format!(" Expenses · {} · {shown} match ", app.month.long_name())
    } else {
        format!(" Expenses · {} · {shown} ", app.month.long_name())
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.title()))
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let (table_area, filter_area) = match &app.filter {
        Some(_) => {
            let [table, filter] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
            (table, Some(filter))
        }
        None => (inner, None),
    };
    if let (Some(filter_area), Some(filter)) = (filter_area, &app.filter) {
        render_filter(frame, filter_area, &filter.field, filter.typing, theme);
    }

    if shown == 0 {
        let hint = if filtering {
            "Nothing matches the filter. Esc clears it.".to_string()
        } else {
            format!(
                "No expenses in {}.\n\nPress a to add one, h/l to browse months, t for this month.",
                app.month.long_name()
            )
        };
        let paragraph = Paragraph::new(hint)
            .style(theme.dim())
            .wrap(Wrap { trim: true });
        frame.render_widget(paragraph, table_area.inner(Margin::new(2, 1)));
        return;
    }

    let loaded = &app.list.rows;
    let rows: Vec<Row> = loaded.iter().map(|e| expense_row(app, e)).collect();
    // Columns as wide as the widest loaded entry, so the note gets the rest.
    let widest = |text: fn(&App, &Expense) -> String| {
        loaded
            .iter()
            .map(|e| u16::try_from(text(app, e).chars().count()).unwrap_or(u16::MAX))
            .max()
            .unwrap_or(0)
    };
    let widths = [
        Constraint::Length(10),
        Constraint::Length(widest(category_text).clamp(8, 16)),
        Constraint::Length(widest(amount_text).max(6)),
        Constraint::Fill(1),
    ];
    let header = Row::new([
        Cell::from("Date"),
        Cell::from("Category"),
        Cell::from(Line::from("Amount").right_aligned()),
        Cell::from("Note"),
    ])
    .style(theme.bold());
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected_row())
        .highlight_symbol("▌")
        .highlight_spacing(HighlightSpacing::Always);
    // The table sees only the loaded rows; offsets are kept as list indices.
    let start = app.list.start;
    let mut state = TableState::new()
        .with_offset(app.list_offset.get().saturating_sub(start))
        .with_selected(Some(app.selected.saturating_sub(start)));
    frame.render_stateful_widget(table, table_area, &mut state);
    app.list_offset.set(start + state.offset());

    let body_rows = usize::from(table_area.height.saturating_sub(1));
    if shown > body_rows {
        let mut scroll =
            ScrollbarState::new(shown.saturating_sub(body_rows)).position(app.list_offset.get());
        let scrollbar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        frame.render_stateful_widget(scrollbar, area.inner(Margin::new(0, 1)), &mut scroll);
    }
}

fn amount_text(app: &App, e: &Expense) -> String {
    let amount = e.currency.format_grouped(e.amount);
    if e.currency == app.user.currency {
        amount
    } else {
        format!("{} {amount}", e.currency)
    }
}

fn category_text(_: &App, e: &Expense) -> String {
    printable(e.category.as_deref().unwrap_or("-"))
}

fn expense_row<'a>(app: &App, e: &'a Expense) -> Row<'a> {
    Row::new([
        Cell::from(e.date.format("%Y-%m-%d").to_string()),
        Cell::from(category_text(app, e)),
        Cell::from(Line::from(amount_text(app, e)).right_aligned()),
        Cell::from(printable(e.note.as_deref().unwrap_or(""))),
    ])
}

fn render_filter(
    frame: &mut Frame,
    area: Rect,
    field: &crate::app::TextField,
    typing: bool,
    theme: Theme,
) {
    let prefix = "/ ";
    let width = usize::from(area.width).saturating_sub(prefix.len() + 1);
    let scroll = field.input.visual_scroll(width);
    let visible: String = field.value().chars().skip(scroll).collect();
    let style = if typing { theme.input() } else { theme.dim() };
    let line = Line::from(vec![
        Span::styled(prefix, theme.key()),
        Span::styled(printable(&visible), style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if typing {
        let cursor = field.input.visual_cursor().saturating_sub(scroll);
        let x = area.x + u16::try_from(prefix.len() + cursor).unwrap_or(0);
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    }
}
