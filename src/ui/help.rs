//! The `?` overlay: every key.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Clear, Row, Table};

use super::Theme;

/// Every key of the main screens, as the README lists them too.
pub const KEYS: &[(&str, &str)] = &[
    ("a", "Add an expense (quick-add dialog)"),
    ("e / Enter", "Edit the selected expense"),
    ("d", "Delete the selected expense (asks first)"),
    ("u / Ctrl-r", "Undo / redo the last add, edit or delete"),
    ("j k / ↓ ↑", "Move the selection"),
    ("PgDn PgUp", "Move a page"),
    ("g G", "First / last row"),
    ("h l / ← →", "Previous / next month"),
    ("t", "This month"),
    ("/", "Filter by note or category (Esc clears)"),
    ("b", "Set the budget of the selected row's category"),
    ("m", "Mark alerts seen"),
    ("x / X", "Export the month / everything as CSV"),
    ("Tab / 1 2", "Switch expenses and trends"),
    ("U", "Switch user"),
    ("c", "Manage categories"),
    ("?", "This help"),
    ("q / Ctrl-c", "Quit"),
];

pub fn render(frame: &mut Frame, screen: Rect, theme: Theme) {
    let height = u16::try_from(KEYS.len()).unwrap_or(20) + 2;
    let area = screen.centered(
        Constraint::Length(62),
        Constraint::Length(height.min(screen.height)),
    );
    let rows = KEYS.iter().map(|(key, what)| {
        Row::new([
            Cell::from(Span::styled(*key, theme.key())),
            Cell::from(*what),
        ])
    });
    let block = Block::bordered()
        .title(Span::styled(" Keys · Esc closes ", theme.title()))
        .border_style(theme.focused_border());
    let table = Table::new(rows, [Constraint::Length(12), Constraint::Fill(1)]).block(block);
    frame.render_widget(Clear, area);
    frame.render_widget(table, area);
}
