//! The trends screen: twelve months of totals as bars, the rolling three-month total, and
//! the month's top categories. A figure never loses digits: where it does not fit, it is
//! shown in a visibly short form (`30.0B`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Cell, Paragraph, Row, Table};
use rust_decimal::Decimal;

use crate::app::{AppView, TREND_MONTHS};
use crate::domain::{display_width, pad_width, percent_used, printable};

use super::Theme;

pub fn render(frame: &mut Frame, area: Rect, view: &AppView, theme: Theme) {
    let [chart_area, bottom] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Min(6)]).areas(area);
    render_chart(frame, chart_area, view, theme);
    let [rolling_area, top_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    render_rolling(frame, rolling_area, view, theme);
    render_top(frame, top_area, view, theme);
}

/// Whole currency units, for bar heights only.
fn units(amount: Decimal) -> u64 {
    u64::try_from(amount.trunc()).unwrap_or(0)
}

/// The amounts in full when the widest fits `width` columns, else all in short form, so a
/// column never mixes the two.
fn fitting(amounts: &[Decimal], width: usize, view: &AppView) -> Vec<String> {
    let full: Vec<String> = amounts.iter().map(|a| view.money(*a)).collect();
    if full.iter().all(|text| display_width(text) <= width) {
        full
    } else {
        amounts.iter().map(|a| view.compact_money(*a)).collect()
    }
}

fn render_chart(frame: &mut Frame, area: Rect, view: &AppView, theme: Theme) {
    let block = Block::bordered()
        .title(Span::styled(
            format!(
                " Monthly totals · {TREND_MONTHS} months to {} ",
                view.month.long_name()
            ),
            theme.title(),
        ))
        .border_style(theme.border());
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let trend = &view.month_view.trend;
    let bars: Vec<Bar> = trend
        .iter()
        .map(|m| {
            let style = if m.month == view.month {
                theme.title()
            } else {
                theme.bar()
            };
            Bar::new(units(m.total))
                .label(Line::from(m.month.first_day().format("%b").to_string()))
                .text_value(view.compact_money(m.total))
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

fn render_rolling(frame: &mut Frame, area: Rect, view: &AppView, theme: Theme) {
    let block = Block::bordered()
        .title(Span::styled(" Rolling three months ", theme.title()))
        .border_style(theme.border());
    let visible = usize::from(area.height.saturating_sub(3));
    let months: Vec<_> = view.month_view.trend.iter().rev().take(visible).collect();
    // Month (7), two gaps, and two equal amount columns share the inner width.
    let amount_width = usize::from(block.inner(area).width).saturating_sub(8 + 2) / 2;
    let totals = fitting(
        &months.iter().map(|m| m.total).collect::<Vec<_>>(),
        amount_width,
        view,
    );
    let rolling = fitting(
        &months.iter().map(|m| m.rolling_3m).collect::<Vec<_>>(),
        amount_width,
        view,
    );
    let rows = months
        .iter()
        .zip(totals)
        .zip(rolling)
        .map(|((m, total), rolling)| {
            Row::new([
                Cell::from(m.month.to_string()),
                Cell::from(Line::from(total).right_aligned()),
                Cell::from(Line::from(rolling).right_aligned()),
            ])
        });
    let header = Row::new([
        Cell::from("Month"),
        Cell::from(Line::from("Total").right_aligned()),
        Cell::from(Line::from("Rolling 3m").right_aligned()),
    ])
    .style(theme.bold());
    let widths = [
        Constraint::Length(7),
        Constraint::Fill(1),
        Constraint::Fill(1),
    ];
    frame.render_widget(Table::new(rows, widths).header(header).block(block), area);
}

fn render_top(frame: &mut Frame, area: Rect, view: &AppView, theme: Theme) {
    let block = Block::bordered()
        .title(Span::styled(
            format!(" Top categories · {} ", view.month.long_name()),
            theme.title(),
        ))
        .border_style(theme.border());
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let top = &view.month_view.top_categories;
    if top.is_empty() {
        frame.render_widget(
            Paragraph::new("No spending this month.").style(theme.dim()),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    let name_width = 14.min(width / 3);
    let amounts = fitting(
        &top.iter().map(|c| c.total).collect::<Vec<_>>(),
        width.saturating_sub(name_width + 1 + 5).min(16),
        view,
    );
    let amount_width = amounts.iter().map(|a| display_width(a)).max().unwrap_or(0);
    let bar_room = width.saturating_sub(name_width + 1 + amount_width + 1 + 5);
    let lines: Vec<Line> = top
        .iter()
        .zip(amounts)
        .map(|(c, amount)| {
            let share = percent_used(c.total, view.month_view.spent).unwrap_or(0);
            let filled = usize::try_from(share.min(100)).unwrap_or(0) * bar_room / 100;
            Line::from(vec![
                Span::styled(pad_width(&printable(&c.category), name_width), theme.bold()),
                Span::raw(format!(" {amount:>amount_width$} ")),
                Span::styled(format!("{share:>3}% "), theme.dim()),
                Span::styled("█".repeat(filled), theme.bar()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
