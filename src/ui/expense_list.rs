//! The month's expenses: a table with a visible selection and a scrollbar.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, HighlightSpacing, Paragraph, Row, Scrollbar, ScrollbarOrientation, ScrollbarState,
    Table, TableState, Wrap,
};

use crate::app::{AppView, Filter, FilterScope, Pane, TextField};
use crate::domain::{Expense, counted, display_width, fit_width, printable};

use super::{Hits, Theme};

/// Widest the category column grows; longer names end in `…`.
const MAX_CATEGORY_WIDTH: usize = 16;
/// Below this many columns for the note, dates are shortened to make room.
const MIN_NOTE_WIDTH: usize = 16;

/// Draws the list and returns where its rows are.
pub fn render(frame: &mut Frame, area: Rect, view: &AppView, theme: Theme) -> Hits {
    let shown = view.list.total;
    let focused = view.focus == Pane::List;
    let matches = if view.list.capped {
        format!("{}+ matches", view.count_text(shown))
    } else {
        counted(shown, "match", "matches")
    };
    let title = match (view.searching_history(), view.filter_text()) {
        (true, _) if view.search_chars_missing() > 0 => " Search · all history ".to_string(),
        (true, _) => format!(" Search · all history · {matches} "),
        (false, _) if view.review => format!(
            " Without a category · {} · {shown} · v shows all ",
            view.month.long_name()
        ),
        (false, Some(_)) => format!(" Expenses · {} · {matches} ", view.month.long_name()),
        (false, None) => format!(" Expenses · {} · {shown} ", view.month.long_name()),
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.title()))
        .border_style(if focused {
            theme.focused_border()
        } else {
            theme.border()
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let (table_area, filter_area) = match &view.filter {
        Some(_) => {
            let [table, filter] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
            (table, Some(filter))
        }
        None => (inner, None),
    };
    if let (Some(filter_area), Some(filter)) = (filter_area, &view.filter) {
        render_filter(frame, filter_area, filter, theme);
    }
    let [_, rows_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(table_area);

    if shown == 0 {
        let missing = view.search_chars_missing();
        let hint = if missing > 0 {
            let noun = if missing == 1 {
                "character"
            } else {
                "characters"
            };
            format!(
                "Type {missing} more {noun} to search all history. Ctrl-f searches the month instead."
            )
        } else if view.filter_text().is_some() {
            "Nothing matches the filter. Esc clears it.".to_string()
        } else if view.searching_history() {
            "No expenses yet. Press a to add one.".to_string()
        } else {
            format!(
                "No expenses in {}.\n\nPress a to add one, h/l to browse months, t for this month.",
                view.month.long_name()
            )
        };
        let paragraph = Paragraph::new(hint)
            .style(theme.dim())
            .wrap(Wrap { trim: true });
        frame.render_widget(paragraph, table_area.inner(Margin::new(2, 1)));
        return Hits::rows(rows_area, view.list_offset, 0);
    }

    render_table(frame, table_area, view, theme);
    let body_rows = usize::from(rows_area.height);
    if shown > body_rows {
        let mut scroll =
            ScrollbarState::new(shown.saturating_sub(body_rows)).position(view.list_offset);
        let scrollbar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        frame.render_stateful_widget(scrollbar, area.inner(Margin::new(0, 1)), &mut scroll);
    }
    let on_screen = shown.saturating_sub(view.list_offset);
    Hits::rows(rows_area, view.list_offset, on_screen)
}

/// The header and the rows held, scrolled to the view's offset.
fn render_table(frame: &mut Frame, area: Rect, view: &AppView, theme: Theme) {
    let focused = view.focus == Pane::List;
    let loaded = &view.list.rows;
    // Columns as wide as the widest loaded entry, so the note gets the rest; an amount
    // column never cuts a digit.
    let widest = |text: &dyn Fn(&Expense) -> String| {
        loaded
            .iter()
            .map(|e| display_width(&text(e)))
            .max()
            .unwrap_or(0)
    };
    let category_width = widest(&|e| category_text(e)).clamp(8, MAX_CATEGORY_WIDTH);
    let amount_width = widest(&|e| view.amount_text(e)).max(6);
    // The selection mark, the columns but the note, and the gaps between them.
    let fixed = 1 + category_width + amount_width + 3;
    // A list of one month too narrow for whole dates and a readable note shows the day and
    // weekday; the month is in its title.
    let short_dates =
        usize::from(area.width) < fixed + 10 + MIN_NOTE_WIDTH && !view.searching_history();
    let date_format = if short_dates {
        "%d %a"
    } else {
        view.date_style.pattern()
    };
    let date_width: usize = if short_dates { 6 } else { 10 };
    // The note takes what is left after the selection mark, the columns and their gaps.
    let note_width =
        usize::from(area.width).saturating_sub(1 + date_width + category_width + amount_width + 3);
    let columns = Columns {
        date_format,
        category: category_width,
        note: note_width,
    };
    let rows: Vec<Row> = loaded
        .iter()
        .map(|e| expense_row(view, e, &columns, theme))
        .collect();
    let as_u16 = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    let widths = [
        Constraint::Length(u16::try_from(date_width).unwrap_or(10)),
        Constraint::Length(as_u16(category_width)),
        Constraint::Length(as_u16(amount_width)),
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
        .row_highlight_style(if focused {
            theme.selected_row()
        } else {
            theme.dim()
        })
        .highlight_symbol("▌")
        .highlight_spacing(HighlightSpacing::Always);
    // The table sees only the loaded rows; the view keeps list indices.
    let start = view.list.start;
    let mut state = TableState::new()
        .with_offset(view.list_offset.saturating_sub(start))
        .with_selected(Some(view.selected.saturating_sub(start)));
    frame.render_stateful_widget(table, area, &mut state);
}

/// What an expense without a category shows instead: an imported row no rule or earlier
/// choice categorised, or one whose category was deleted. `e` on it starts on the category.
const UNCATEGORISED: &str = "? none";

fn category_text(e: &Expense) -> String {
    printable(e.category.as_deref().unwrap_or(UNCATEGORISED))
}

/// How the list's columns are drawn this frame.
struct Columns<'a> {
    date_format: &'a str,
    category: usize,
    note: usize,
}

fn expense_row<'a>(view: &AppView, e: &'a Expense, columns: &Columns<'_>, theme: Theme) -> Row<'a> {
    let note = printable(e.note.as_deref().unwrap_or(""));
    let category = fit_width(&category_text(e), columns.category).into_owned();
    let category = if e.category.is_some() {
        Cell::from(category)
    } else {
        Cell::from(Span::styled(category, theme.warning()))
    };
    Row::new([
        Cell::from(e.date.format(columns.date_format).to_string()),
        category,
        Cell::from(Line::from(view.amount_text(e)).right_aligned()),
        Cell::from(fit_width(&note, columns.note).into_owned()),
    ])
}

fn render_filter(frame: &mut Frame, area: Rect, filter: &Filter, theme: Theme) {
    let prefix = match filter.scope {
        FilterScope::Month => "/ ",
        FilterScope::AllHistory => "all history / ",
    };
    let field: &TextField = &filter.field;
    let width = usize::from(area.width).saturating_sub(prefix.len() + 1);
    let scroll = field.input.visual_scroll(width);
    let visible: String = field.value().chars().skip(scroll).collect();
    let style = if filter.typing {
        theme.input()
    } else {
        theme.dim()
    };
    let line = Line::from(vec![
        Span::styled(prefix, theme.key()),
        Span::styled(printable(&visible), style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if filter.typing {
        let cursor = field.input.visual_cursor().saturating_sub(scroll);
        let x = area.x + u16::try_from(prefix.len() + cursor).unwrap_or(0);
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    }
}
