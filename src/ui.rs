//! Drawing: a pure function of the app state. One module per panel.

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
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Screen};

pub use theme::Theme;

/// The smallest screen the app draws; below it a message asks for more room.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The panels of the expenses screen.
struct Panels {
    list: Rect,
    budgets: Rect,
    alerts: Rect,
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let message = format!(
            "Terminal too small: {}x{}. Spend needs at least {MIN_WIDTH}x{MIN_HEIGHT}; enlarge the window or press q to quit.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), area);
        return;
    }
    let [header_area, body, footer_area] = frame_areas(area);
    header::render(frame, header_area, app, theme);
    match app.screen {
        Screen::Expenses => {
            let panels = panels(body);
            expense_list::render(frame, panels.list, app, theme);
            budget_bars::render(frame, panels.budgets, app, theme);
            alerts_pane::render(frame, panels.alerts, app, theme);
        }
        Screen::Trends => trends::render(frame, body, app, theme),
    }
    footer::render(frame, footer_area, app, theme);
    for modal in &app.modals {
        dialogs::render(frame, area, app, modal, theme);
    }
}

fn frame_areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(2),
    ])
    .areas(area)
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

/// Expense rows that fit in the list on a screen of this size.
pub fn list_rows(screen: Rect) -> usize {
    let [_, body, _] = frame_areas(screen);
    usize::from(panels(body).list.height.saturating_sub(3))
}

/// The row of the visible list under a mouse click, if the click hit one.
pub fn list_row_at(app: &App, screen: Rect, column: u16, row: u16) -> Option<usize> {
    if app.screen != Screen::Expenses || !app.modals.is_empty() {
        return None;
    }
    let [_, body, _] = frame_areas(screen);
    let list = panels(body).list;
    let first_row = list.y + 2;
    let inside = column > list.x && column < list.right().saturating_sub(1);
    if !inside || row < first_row || row >= list.bottom().saturating_sub(1) {
        return None;
    }
    let index = app.list_offset.get() + usize::from(row - first_row);
    (index < app.list.total).then_some(index)
}

/// A line of `key label` pairs, for footers and hints.
fn key_hints<'a>(pairs: &[(&'a str, &'a str)], theme: Theme) -> Line<'a> {
    fitted_key_hints(pairs, usize::MAX, theme)
}

/// As many `key label` pairs as fit in `width`; the last pair (quit or close) always shows.
fn fitted_key_hints<'a>(pairs: &[(&'a str, &'a str)], width: usize, theme: Theme) -> Line<'a> {
    let cost = |(key, label): &(&str, &str)| key.chars().count() + label.chars().count() + 3;
    let Some((last, rest)) = pairs.split_last() else {
        return Line::default();
    };
    let mut budget = width.saturating_sub(cost(last));
    let mut chosen: Vec<&(&str, &str)> = rest
        .iter()
        .take_while(|pair| {
            let fits = cost(pair) <= budget;
            budget = budget.saturating_sub(cost(pair));
            fits
        })
        .collect();
    chosen.push(last);
    let mut spans = Vec::with_capacity(chosen.len() * 4);
    for (key, label) in chosen {
        spans.push(ratatui::text::Span::styled(*key, theme.key()));
        spans.push(ratatui::text::Span::raw(" "));
        spans.push(ratatui::text::Span::styled(*label, theme.dim()));
        spans.push(ratatui::text::Span::raw("  "));
    }
    Line::from(spans)
}
