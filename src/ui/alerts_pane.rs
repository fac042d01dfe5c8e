//! Alerts, newest first, unseen ones marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::app::App;
use crate::domain::{AlertKind, printable};

use super::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let unseen = app.view.unseen_alerts;
    let title = if unseen > 0 {
        format!(" Alerts · {unseen} unseen ")
    } else {
        " Alerts ".to_string()
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.title()))
        .border_style(theme.border());
    let lines: Vec<Line> = if app.view.alerts.is_empty() {
        vec![Line::styled(
            "No alerts. Budgets are on track.",
            theme.dim(),
        )]
    } else {
        app.view
            .alerts
            .iter()
            .map(|alert| {
                let style = match alert.kind {
                    AlertKind::BudgetExceeded => theme.exceeded(),
                    AlertKind::BudgetWarning => theme.warning(),
                };
                let (mark, text_style) = if alert.seen {
                    ("  ", theme.dim())
                } else {
                    ("● ", style)
                };
                Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(printable(&alert.message), text_style),
                ])
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
