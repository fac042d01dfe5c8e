//! The trends screen: twelve months of totals as bars, the rolling three-month total, and
//! the month's top categories.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Cell, Paragraph, Row, Table};
use rust_decimal::Decimal;

use crate::app::{App, TREND_MONTHS};
use crate::domain::{percent_used, printable};

use super::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let [chart_area, bottom] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Min(6)]).areas(area);
    render_chart(frame, chart_area, app, theme);
    let [rolling_area, top_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    render_rolling(frame, rolling_area, app, theme);
    render_top(frame, top_area, app, theme);
}

/// Whole currency units, for bar heights only.
fn units(amount: Decimal) -> u64 {
    u64::try_from(amount.trunc()).unwrap_or(0)
}

/// `4.8k`, `1.2M`: short enough to sit on a bar.
fn compact(value: u64) -> String {
    match value {
        0..=999 => value.to_string(),
        1_000..=999_999 => format!("{}.{}k", value / 1_000, (value % 1_000) / 100),
        _ => format!("{}.{}M", value / 1_000_000, (value % 1_000_000) / 100_000),
    }
}

fn render_chart(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let block = Block::bordered()
        .title(Span::styled(
            format!(
                " Monthly totals · {TREND_MONTHS} months to {} ",
                app.month.long_name()
            ),
            theme.title(),
        ))
        .border_style(theme.border());
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let bars: Vec<Bar> = app
        .view
        .trend
        .iter()
        .map(|m| {
            let value = units(m.total);
            let style = if m.month == app.month {
                theme.title()
            } else {
                theme.bar()
            };
            Bar::new(value)
                .label(Line::from(m.month.first_day().format("%b").to_string()))
                .text_value(compact(value))
                .style(style)
        })
        .collect();
    let count = u16::try_from(TREND_MONTHS).unwrap_or(12);
    let bar_width = (inner.width / count).saturating_sub(1).clamp(1, 9);
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1)
        .value_style(theme.bold());
    frame.render_widget(chart, inner);
}

fn render_rolling(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let money = |d| app.user.currency.format_grouped(d);
    let block = Block::bordered()
        .title(Span::styled(" Rolling three months ", theme.title()))
        .border_style(theme.border());
    let visible = usize::from(area.height.saturating_sub(3));
    let rows = app.view.trend.iter().rev().take(visible).map(|m| {
        Row::new([
            Cell::from(m.month.to_string()),
            Cell::from(Line::from(money(m.total)).right_aligned()),
            Cell::from(Line::from(money(m.rolling_3m)).right_aligned()),
        ])
    });
    let header = Row::new([
        Cell::from("Month"),
        Cell::from(Line::from("Total").right_aligned()),
        Cell::from(Line::from("Rolling 3m").right_aligned()),
    ])
    .style(theme.bold());
    let widths = [
        Constraint::Length(8),
        Constraint::Fill(1),
        Constraint::Fill(1),
    ];
    frame.render_widget(Table::new(rows, widths).header(header).block(block), area);
}

fn render_top(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let money = |d| app.user.currency.format_grouped(d);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" Top categories · {} ", app.month.long_name()),
            theme.title(),
        ))
        .border_style(theme.border());
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    if app.view.top_categories.is_empty() {
        frame.render_widget(
            Paragraph::new("No spending this month.").style(theme.dim()),
            inner,
        );
        return;
    }
    let lines: Vec<Line> = app
        .view
        .top_categories
        .iter()
        .map(|c| {
            let share = percent_used(c.total, app.view.spent).unwrap_or(0);
            let name = printable(&c.category);
            let amount = money(c.total);
            let bar_room = usize::from(inner.width).saturating_sub(14 + 16 + 6);
            let filled = usize::try_from(share).unwrap_or(0) * bar_room / 100;
            Line::from(vec![
                Span::styled(format!("{name:<14}"), theme.bold()),
                Span::raw(format!("{amount:>15} ")),
                Span::styled(format!("{share:>3}% "), theme.dim()),
                Span::styled("█".repeat(filled), theme.bar()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
