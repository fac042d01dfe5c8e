//! One bar per budgeted category: green, yellow from the warning threshold, red above 100%,
//! and for the current month the pace toward month end.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::app::AppView;
use crate::domain::{
    BudgetLevel, BudgetStatus, Pace, budget_level, budget_pace, display_width, fit_width,
    percent_shown, percent_used, printable,
};

use super::Theme;

pub fn render(frame: &mut Frame, area: Rect, view: &AppView, theme: Theme) {
    let block = Block::bordered()
        .title(Span::styled(
            format!(" Budgets · {} ", view.month.long_name()),
            theme.title(),
        ))
        .border_style(theme.border());
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    if view.month_view.budgets.is_empty() {
        lines.push(Line::styled(
            format!(
                "No budgets for {}. Press b to set one.",
                view.month.long_name()
            ),
            theme.dim(),
        ));
    }
    for budget in &view.month_view.budgets {
        lines.extend(budget_lines(view, budget, width, theme));
    }
    if !view.month_view.unbudgeted.is_empty() {
        lines.push(Line::styled("Spent without a budget", theme.dim()));
        for category in &view.month_view.unbudgeted {
            let amount = view.money(category.total);
            lines.push(spread(
                &printable(&category.category),
                &amount,
                width,
                theme.dim(),
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn budget_lines<'a>(view: &AppView, b: &BudgetStatus, width: usize, theme: Theme) -> Vec<Line<'a>> {
    let money = |d| view.money(d);
    let percent = percent_used(b.spent, b.budget);
    let style = level_style(
        budget_level(b.spent, Some(b.budget), view.user.warn_percent),
        theme,
    );
    let percent_text = percent_shown(b.spent, b.budget);
    let name = printable(&b.category);
    let figures = format!(
        "{} / {}  {percent_text:>4}",
        money(b.spent),
        money(b.budget)
    );
    // A budget with money rolled over shows its own amount and the carry apart, so the
    // person sees what the percentage is of: on the first line when the name still fits
    // beside it, else on a line of its own.
    let carried = (!b.carried.is_zero()).then(|| {
        let carried = super::signed_money(view, b.carried);
        format!("{} {carried} carried", money(b.base()))
    });
    let mut carried_line = None;
    let figures = match carried {
        Some(carried) => {
            let long = format!("{} / {carried}  {percent_text:>4}", money(b.spent));
            if display_width(&name) + 2 + display_width(&long) <= width {
                long
            } else {
                carried_line = Some(Line::styled(format!("  {carried}"), theme.dim()));
                figures
            }
        }
        None => figures,
    };
    let mut lines = vec![
        spread(&name, &figures, width, theme.bold()),
        bar(
            // No share means nothing left to spend: the bar is full, as exceeded.
            percent.unwrap_or(101),
            width,
            style,
            theme,
        ),
    ];
    lines.extend(carried_line);
    let rules = &view.month_view.recurring;
    let at = (b.category_id, view.month);
    if let Some(Pace { total: pace, due }) =
        budget_pace(b.spent, rules, at, view.today, view.user.currency)
    {
        let pace_percent = percent_used(pace, b.budget);
        let pace_style = level_style(
            budget_level(pace, Some(b.budget), view.user.warn_percent),
            theme,
        );
        let due_text = if due.is_zero() {
            String::new()
        } else {
            format!(" incl. {} due", money(due))
        };
        let text = match pace_percent {
            Some(p) => format!("  on pace for {} ({p}%){due_text}", money(pace)),
            None => format!("  on pace for {}{due_text}", money(pace)),
        };
        lines.push(Line::styled(text, pace_style.patch(theme.dim())));
    }
    lines
}

fn level_style(level: BudgetLevel, theme: Theme) -> Style {
    match level {
        BudgetLevel::Under => theme.under(),
        BudgetLevel::Warning => theme.warning(),
        BudgetLevel::Exceeded => theme.exceeded(),
    }
}

/// A bar `width` cells wide, filled to `percent` (capped at full).
fn bar<'a>(percent: u64, width: usize, style: Style, theme: Theme) -> Line<'a> {
    let width_u64 = u64::try_from(width).unwrap_or(0);
    let filled = usize::try_from((width_u64 * percent.min(100)) / 100).unwrap_or(width);
    Line::from(vec![
        Span::styled("━".repeat(filled), style),
        Span::styled("─".repeat(width - filled.min(width)), theme.unfilled()),
    ])
}

/// `left` and `right` on one line, pushed to its two ends; `left` gives way when short,
/// measured in display columns so wide characters never push `right` onto the next line.
fn spread<'a>(left: &str, right: &str, width: usize, left_style: Style) -> Line<'a> {
    let room = width.saturating_sub(display_width(right) + 2);
    let left = fit_width(left, room).into_owned();
    let gap = width
        .saturating_sub(display_width(&left) + display_width(right))
        .max(2);
    Line::from(vec![
        Span::styled(left, left_style),
        Span::raw(" ".repeat(gap)),
        Span::raw(right.to_string()),
    ])
}
