//! The `?` overlay: every key of the main screens, from the one key table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Clear, Row, Table};

use crate::domain::display_width;
use crate::keys::main_rows;

use super::Theme;

pub fn render(frame: &mut Frame, screen: Rect, theme: Theme) {
    let key_width = main_rows()
        .map(|binding| display_width(binding.label))
        .max()
        .unwrap_or(10);
    let width = u16::try_from(key_width + 64)
        .unwrap_or(80)
        .min(screen.width);
    let text_width = usize::from(width).saturating_sub(key_width + 3).max(10);
    // Long descriptions wrap within their row instead of being cut.
    let mut needed = 2u16;
    let rows: Vec<Row> = main_rows()
        .map(|binding| {
            let wrapped = textwrap::wrap(binding.help, text_width);
            let height = u16::try_from(wrapped.len()).unwrap_or(1);
            needed = needed.saturating_add(height);
            Row::new([
                Cell::from(Span::styled(binding.label, theme.key())),
                Cell::from(wrapped.join("\n")),
            ])
            .height(height)
        })
        .collect();
    let area = screen.centered(
        Constraint::Length(width),
        Constraint::Length(needed.min(screen.height)),
    );
    let title = if needed > screen.height {
        " Keys · Esc closes · enlarge the window to see all "
    } else {
        " Keys · Esc closes "
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.title()))
        .border_style(theme.focused_border());
    let widths = [
        Constraint::Length(u16::try_from(key_width).unwrap_or(12)),
        Constraint::Fill(1),
    ];
    let table = Table::new(rows, widths).block(block).column_spacing(1);
    frame.render_widget(Clear, area);
    frame.render_widget(table, area);
}
