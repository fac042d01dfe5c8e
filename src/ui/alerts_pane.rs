//! Alerts, newest first, unseen ones marked; focusable with Tab, scrolling to the selection.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::{AppView, Pane};
use crate::domain::{Alert, AlertKind, printable};

use super::{Hits, Theme};

/// The mark before each alert, and the indent of its wrapped lines.
const MARK_WIDTH: usize = 2;

/// Draws the pane and returns where each alert shown starts.
pub fn render(frame: &mut Frame, area: Rect, view: &AppView, theme: Theme) -> Option<Hits> {
    let month = &view.month_view;
    let focused = view.focus == Pane::Alerts;
    let title = if month.unseen_alerts > 0 {
        format!(" Alerts · {} unseen ", month.unseen_alerts)
    } else {
        " Alerts ".to_string()
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
    if month.alerts.is_empty() {
        let line = Line::styled("No alerts. Budgets are on track.", theme.dim());
        frame.render_widget(Paragraph::new(line), inner);
        return None;
    }
    let text_width = usize::from(inner.width).saturating_sub(MARK_WIDTH).max(1);
    let wrapped: Vec<Vec<String>> = month
        .alerts
        .iter()
        .map(|alert| {
            textwrap::wrap(&printable(&view.alert_text(alert)), text_width)
                .into_iter()
                .map(std::borrow::Cow::into_owned)
                .collect()
        })
        .collect();
    let height = usize::from(inner.height);
    let first = first_shown(&wrapped, view.alert_selected, height);
    let mut lines = Vec::with_capacity(height);
    let mut starts = Vec::new();
    for (index, (alert, text)) in month.alerts.iter().zip(&wrapped).enumerate().skip(first) {
        if lines.len() >= height {
            break;
        }
        starts.push(u16::try_from(lines.len()).unwrap_or(u16::MAX));
        let selected = focused && index == view.alert_selected;
        lines.extend(alert_lines(alert, text, selected, theme));
    }
    let end = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines), inner);
    Some(Hits {
        area: inner,
        first,
        starts,
        end,
    })
}

/// The first alert to show so that the selected one is wholly on screen.
fn first_shown(wrapped: &[Vec<String>], selected: usize, height: usize) -> usize {
    let mut first = selected.min(wrapped.len().saturating_sub(1));
    let mut used = wrapped.get(first).map_or(0, Vec::len);
    while first > 0 && used + wrapped[first - 1].len() <= height {
        first -= 1;
        used += wrapped[first].len();
    }
    // Scroll only as far as needed: show from the top while the selection fits.
    let from_top: usize = wrapped.iter().take(selected + 1).map(Vec::len).sum();
    if from_top <= height { 0 } else { first }
}

fn alert_lines<'a>(alert: &Alert, text: &[String], selected: bool, theme: Theme) -> Vec<Line<'a>> {
    let style = match alert.kind {
        AlertKind::BudgetExceeded => theme.exceeded(),
        AlertKind::BudgetWarning => theme.warning(),
    };
    let (mark, mut text_style) = if alert.seen {
        ("  ", theme.dim())
    } else {
        ("● ", style)
    };
    if selected {
        text_style = text_style.patch(theme.selected_row());
    }
    text.iter()
        .enumerate()
        .map(|(row, part)| {
            let lead = if row == 0 { mark } else { "  " };
            Line::from(vec![
                Span::styled(lead, style),
                Span::styled(part.clone(), text_style),
            ])
        })
        .collect()
}
