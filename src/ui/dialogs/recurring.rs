//! The recurring expenses screen: each rule with its amount, how it repeats and when it is
//! next due, and the form to add one under the list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::app::{AppView, RecurringManager};
use crate::domain::{Recurring, fit_width, pad_width, printable};

use super::super::Theme;
use super::{
    dialog_block, dialog_width, field_height, fields, height_of, picker_lines, popup, scrolled,
};

/// Rows of the list shown at most; more scroll.
const LIST_ROWS: u16 = 12;

pub fn render(
    frame: &mut Frame,
    screen: Rect,
    view: &AppView,
    manager: &RecurringManager,
    theme: Theme,
) {
    let width = dialog_width(screen, 90);
    let inner_width = width.saturating_sub(2);
    let form_height = manager.new_rule.as_ref().map_or(0, |form| {
        form.fields
            .iter()
            .map(|f| field_height(f, inner_width))
            .sum()
    });
    let list_height = height_of(manager.list.items.len()).clamp(1, LIST_ROWS);
    let area = popup(screen, width, list_height + form_height + 2);
    let block = dialog_block(" Recurring expenses · n new · d delete ", theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let [list_area, form_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(form_height)]).areas(inner);
    if manager.list.items.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                " None yet. Press n to add rent or a subscription.",
                theme.dim(),
            )),
            list_area,
        );
    } else {
        let room = usize::from(inner_width.saturating_sub(2));
        let lines = picker_lines(
            &manager.list,
            |rule: &Recurring| row(view, rule, room),
            room,
            theme,
        );
        frame.render_widget(
            scrolled(lines, manager.list.highlighted, list_area),
            list_area,
        );
    }
    if let Some(form) = &manager.new_rule {
        let list: Vec<_> = form
            .fields
            .iter()
            .enumerate()
            .map(|(index, field)| (field, index == form.focus))
            .collect();
        fields(frame, form_area, &list, theme);
    }
}

/// `Rent  15,000.00  next 2025-05-31  every month on day 31`, fitted to `room` columns.
fn row(view: &AppView, rule: &Recurring, room: usize) -> String {
    let next = rule
        .next_due
        .map_or_else(|| "ended".to_string(), |d| format!("next {d}"));
    // The date before the schedule, so a long schedule is what gets cut.
    let line = format!(
        "{} {:>12}  {next:<15}  {}",
        pad_width(&printable(&rule.category), 14),
        view.money(rule.amount),
        rule.schedule.describe(),
    );
    fit_width(&line, room).into_owned()
}
