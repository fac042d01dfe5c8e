//! Drawing: a pure function of the `AppView`, one module per panel. `draw` returns the
//! layout it used, so the runner can map clicks and page keys without laying out again.

mod alerts_pane;
mod budget_bars;
mod dialogs;
mod expense_list;
mod footer;
mod header;
mod help;
mod theme;
mod trends;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{AppView, Screen};

pub use theme::{Palette, Theme};

/// The smallest screen the app draws; below it a message asks for more room. At this size
/// every panel still shows whole dates, names, figures and the start of each note.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Where the last frame put what a click can hit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScreenLayout {
    /// The expense rows (below the header row), and the list index of the first shown.
    pub list: Option<Hits>,
    /// The alerts pane's lines, and the index of the first alert shown.
    pub alerts: Option<Hits>,
}

/// An area of entries stacked top to bottom, each starting on a given line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub area: Rect,
    /// Index of the entry on the first line.
    pub first: usize,
    /// The line (from the area's top) each shown entry starts on, in order.
    pub starts: Vec<u16>,
    /// The line after the last entry shown.
    pub end: u16,
}

impl Hits {
    /// One entry per line.
    fn rows(area: Rect, first: usize, count: usize) -> Hits {
        let shown = u16::try_from(count).unwrap_or(u16::MAX).min(area.height);
        Hits {
            area,
            first,
            starts: (0..shown).collect(),
            end: shown,
        }
    }

    /// The entry under a point, if any.
    pub fn at(&self, column: u16, row: u16) -> Option<usize> {
        let area = self.area;
        if column < area.x || column >= area.right() || row < area.y || row >= area.bottom() {
            return None;
        }
        let line = row - area.y;
        if line >= self.end {
            return None;
        }
        self.starts
            .iter()
            .rposition(|&start| start <= line)
            .map(|index| self.first + index)
    }
}

impl ScreenLayout {
    /// Expense rows the list shows at once.
    pub fn list_rows(&self) -> usize {
        self.list
            .as_ref()
            .map_or(0, |hits| usize::from(hits.area.height))
    }
}

/// Draws the whole screen and returns where things went.
pub fn draw(frame: &mut Frame, view: &AppView, theme: Theme) -> ScreenLayout {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let message = format!(
            "Terminal too small: {}x{}. Spend needs at least {MIN_WIDTH}x{MIN_HEIGHT}; enlarge the window or press q to quit.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), area);
        return ScreenLayout::default();
    }
    let [header_area, body, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(2),
    ])
    .areas(area);
    header::render(frame, header_area, view, theme);
    let mut layout = ScreenLayout::default();
    match view.screen {
        Screen::Expenses => {
            let panels = panels(body);
            layout.list = Some(expense_list::render(frame, panels.list, view, theme));
            budget_bars::render(frame, panels.budgets, view, theme);
            layout.alerts = alerts_pane::render(frame, panels.alerts, view, theme);
        }
        Screen::Trends => trends::render(frame, body, view, theme),
    }
    footer::render(frame, footer_area, view, theme);
    if let Some(modal) = &view.modal {
        dialogs::render(frame, area, view, modal, theme);
        // Under a dialog nothing else can be clicked.
        for hits in [&mut layout.list, &mut layout.alerts].into_iter().flatten() {
            hits.starts.clear();
        }
    }
    layout
}

/// The panels of the expenses screen.
struct Panels {
    list: Rect,
    budgets: Rect,
    alerts: Rect,
}

fn panels(body: Rect) -> Panels {
    // Narrow screens give the bars half, so their labels still fit on one line.
    let list_share = if body.width < 100 { 50 } else { 57 };
    let [list, side] = Layout::horizontal([
        Constraint::Percentage(list_share),
        Constraint::Percentage(100 - list_share),
    ])
    .areas(body);
    let [budgets, alerts] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Min(6)]).areas(side);
    Panels {
        list,
        budgets,
        alerts,
    }
}

/// A line of `key word` pairs, for dialogs.
fn key_hints<'a>(pairs: &[(&'a str, &'a str)], theme: Theme) -> Line<'a> {
    let mut spans = Vec::with_capacity(pairs.len() * 4);
    for (key, word) in pairs {
        spans.push(Span::styled(*key, theme.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(*word, theme.dim()));
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}

/// An amount with its sign: `+ 1,200.00`, `- 300.00`.
pub(crate) fn signed_money(view: &AppView, amount: rust_decimal::Decimal) -> String {
    if amount.is_sign_negative() {
        format!("- {}", view.money(-amount))
    } else {
        format!("+ {}", view.money(amount))
    }
}
