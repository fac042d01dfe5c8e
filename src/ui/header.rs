//! The top line: who, which month, spent against budgeted, unseen alerts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{AppView, Screen};
use crate::domain::printable;

use super::Theme;

pub fn render(frame: &mut Frame, area: Rect, view: &AppView, theme: Theme) {
    let money = |d| view.money(d);
    let month = &view.month_view;
    // Below 100 columns the wording shortens so every figure still shows.
    let wide = area.width >= 100;
    let mut spans = vec![Span::styled(" Spend ", theme.title())];
    if wide {
        let screen = match view.screen {
            Screen::Expenses => "Expenses",
            Screen::Trends => "Trends",
        };
        spans.push(Span::styled(format!("· {screen} "), theme.dim()));
    }
    spans.extend([
        Span::styled(format!(" {} ", printable(&view.user.name)), theme.bold()),
        Span::styled(format!(" ‹ {} › ", view.month.long_name()), theme.title()),
        Span::raw(format!(" Spent {} ", money(month.spent))),
    ]);
    if !month.budgeted.is_zero() {
        let budgeted = money(month.budgeted);
        // Spending outside any budget is not part of "of … budgeted"; say which part is.
        let text = match (month.spent_in_budgets == month.spent, wide) {
            (true, true) => format!("of {budgeted} budgeted "),
            (true, false) => format!("/ {budgeted} "),
            (false, true) => format!(
                "· {} of {budgeted} budgeted ",
                money(month.spent_in_budgets)
            ),
            (false, false) => format!("· {}/{budgeted} ", money(month.spent_in_budgets)),
        };
        spans.push(Span::styled(text, theme.dim()));
    }
    let unseen = month.unseen_alerts;
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
