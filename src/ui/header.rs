//! The top line: who, which month, spent against budgeted, unseen alerts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Screen};
use crate::domain::printable;

use super::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let money = |d| app.user.currency.format_grouped(d);
    let screen = match app.screen {
        Screen::Expenses => "Expenses",
        Screen::Trends => "Trends",
    };
    let mut spans = vec![
        Span::styled(" Spend ", theme.title()),
        Span::styled(format!("· {screen} "), theme.dim()),
        Span::styled(format!(" {} ", printable(&app.user.name)), theme.bold()),
        Span::styled(format!(" ‹ {} › ", app.month.long_name()), theme.title()),
        Span::raw(format!(" Spent {} ", money(app.view.spent))),
    ];
    if !app.view.budgeted.is_zero() {
        spans.push(Span::styled(
            format!("of {} budgeted ", money(app.view.budgeted)),
            theme.dim(),
        ));
    }
    let unseen = app.view.unseen_alerts;
    if unseen > 0 {
        let noun = if unseen == 1 { "alert" } else { "alerts" };
        spans.push(Span::styled(
            format!(" ● {unseen} unseen {noun} "),
            theme.exceeded(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
