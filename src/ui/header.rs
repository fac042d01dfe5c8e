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
    // Below 100 columns the wording shortens so every figure still shows.
    let wide = area.width >= 100;
    let mut spans = vec![Span::styled(" Spend ", theme.title())];
    if wide {
        let screen = match app.screen {
            Screen::Expenses => "Expenses",
            Screen::Trends => "Trends",
        };
        spans.push(Span::styled(format!("· {screen} "), theme.dim()));
    }
    spans.extend([
        Span::styled(format!(" {} ", printable(&app.user.name)), theme.bold()),
        Span::styled(format!(" ‹ {} › ", app.month.long_name()), theme.title()),
        Span::raw(format!(" Spent {} ", money(app.view.spent))),
    ]);
    if !app.view.budgeted.is_zero() {
        let budgeted = money(app.view.budgeted);
        let text = if wide {
            format!("of {budgeted} budgeted ")
        } else {
            format!("/ {budgeted} ")
        };
        spans.push(Span::styled(text, theme.dim()));
    }
    let unseen = app.view.unseen_alerts;
    if unseen > 0 {
        let noun = if unseen == 1 { "alert" } else { "alerts" };
        let text = if wide {
            format!(" ● {unseen} unseen {noun} ")
        } else {
            format!(" ● {unseen} ")
        };
        spans.push(Span::styled(text, theme.exceeded()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
