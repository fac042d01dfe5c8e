//! Dialogs over the main screen: the expense form, budget form, yes/no, pickers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::app::{App, BudgetForm, CategoryManager, ExpenseForm, Field, Modal, Picker, TextField};
use crate::domain::User;
use crate::domain::printable;

use super::{Theme, help};

/// Width of the label column in forms.
const LABEL_WIDTH: u16 = 10;
/// Suggestions shown under the category field.
const MAX_SUGGESTIONS: usize = 5;

pub fn render(frame: &mut Frame, screen: Rect, app: &App, modal: &Modal, theme: Theme) {
    match modal {
        Modal::Expense(form) => expense_form(frame, screen, app, form, theme),
        Modal::Budget(form) => budget_form(frame, screen, app, form, theme),
        Modal::Confirm(confirm) => {
            let area = popup(screen, 56, 5);
            let text = vec![
                Line::from(printable(&confirm.question)),
                Line::from(""),
                super::key_hints(&[("y", "yes"), ("n", "no")], theme),
            ];
            let block = dialog_block(" Confirm ", theme);
            frame.render_widget(Clear, area);
            frame.render_widget(
                Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
                area,
            );
        }
        Modal::Help => help::render(frame, screen, theme),
        Modal::Users(picker) => user_picker(frame, screen, app, picker, theme),
        Modal::Categories(manager) => category_manager(frame, screen, manager, theme),
    }
}

fn popup(screen: Rect, width: u16, height: u16) -> Rect {
    screen.centered(
        Constraint::Length(width.min(screen.width.saturating_sub(2))),
        Constraint::Length(height.min(screen.height)),
    )
}

fn dialog_block(title: &str, theme: Theme) -> Block<'_> {
    Block::bordered()
        .title(Span::styled(title, theme.title()))
        .border_style(theme.focused_border())
}

/// Rows a field takes: its input line, then its error (wrapped) or one blank line.
fn field_height(field: &TextField, dialog_inner_width: u16) -> u16 {
    let room = usize::from(dialog_inner_width.saturating_sub(LABEL_WIDTH).max(1));
    let error_rows = field
        .error
        .as_ref()
        .map_or(1, |error| (error.chars().count() + 2).div_ceil(room));
    1 + u16::try_from(error_rows).unwrap_or(1)
}

/// Draws a labelled field on `area`'s first line and its error below; places the cursor
/// when focused.
fn field(frame: &mut Frame, area: Rect, field: &TextField, focused: bool, theme: Theme) {
    let [input_line, error_lines] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let [label_area, input_area] =
        Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Fill(1)])
            .areas(input_line);
    let label_style = if focused { theme.key() } else { theme.bold() };
    frame.render_widget(
        Paragraph::new(Span::styled(field.label, label_style)),
        label_area,
    );
    let width = usize::from(input_area.width.saturating_sub(1));
    let scroll = field.input.visual_scroll(width);
    let shown: String = field.value().chars().skip(scroll).collect();
    // A value that typing will replace looks selected.
    let style = if focused && field.replace_on_type {
        theme.selected_row()
    } else {
        theme.input()
    };
    frame.render_widget(Paragraph::new(printable(&shown)).style(style), input_area);
    if focused {
        let cursor = u16::try_from(field.input.visual_cursor().saturating_sub(scroll)).unwrap_or(0);
        let x = input_area.x + cursor.min(input_area.width.saturating_sub(1));
        frame.set_cursor_position((x, input_area.y));
    }
    if let Some(error) = &field.error {
        let [_, error_area] =
            Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Fill(1)])
                .areas(error_lines);
        let text = Span::styled(format!("✗ {}", printable(error)), theme.error());
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), error_area);
    }
}

fn expense_form(frame: &mut Frame, screen: Rect, app: &App, form: &ExpenseForm, theme: Theme) {
    let title = match form.editing() {
        Some(id) => format!(" Edit expense #{id} "),
        None => format!(" Add expense · {} ", app.user.currency),
    };
    let order = [Field::Amount, Field::Category, Field::Date, Field::Note];
    let width = 76u16.min(screen.width.saturating_sub(2));
    let heights = order.map(|which| field_height(form.field(which), width.saturating_sub(2)));
    let area = popup(screen, width, heights.iter().sum::<u16>() + 5);
    let block = dialog_block(&title, theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let rows: [Rect; 6] = Layout::vertical([
        Constraint::Length(heights[0]),
        Constraint::Length(heights[1]),
        Constraint::Length(heights[2]),
        Constraint::Length(heights[3]),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(inner);
    for (index, which) in order.into_iter().enumerate() {
        field(
            frame,
            rows[index],
            form.field(which),
            form.focus == which,
            theme,
        );
    }
    let mut notes: Vec<Span> = Vec::new();
    if form.category_is_new(&app.categories) {
        let typed = printable(form.field(Field::Category).value().trim());
        let text = match form.suggestions.get(form.highlighted) {
            Some(pick) => format!(
                "\"{typed}\" is new: Tab picks {}, Enter creates \"{typed}\". ",
                printable(pick)
            ),
            None => format!("\"{typed}\" is new: Enter creates it. "),
        };
        notes.push(Span::styled(text, theme.warning()));
    }
    if let Some(error) = &form.error {
        notes.push(Span::styled(format!("✗ {error}"), theme.error()));
    }
    frame.render_widget(
        Paragraph::new(Line::from(notes)).wrap(Wrap { trim: true }),
        rows[4],
    );
    let hints = [
        ("Enter", "save"),
        ("Tab", "next / complete"),
        ("↑↓", "choose"),
        ("Esc", "cancel"),
    ];
    frame.render_widget(Paragraph::new(super::key_hints(&hints, theme)), rows[5]);
    if form.focus == Field::Category {
        suggestions(frame, rows[1], form, theme);
    }
}

/// The dropdown of matching categories, just under the category field.
fn suggestions(frame: &mut Frame, field_area: Rect, form: &ExpenseForm, theme: Theme) {
    if form.suggestions.is_empty() {
        return;
    }
    let shown = form.suggestions.len().min(MAX_SUGGESTIONS);
    let start = form.highlighted.saturating_sub(MAX_SUGGESTIONS - 1);
    let height = u16::try_from(shown).unwrap_or(0) + 2;
    let area = Rect {
        x: field_area.x + LABEL_WIDTH,
        y: field_area.y + 1,
        width: field_area.width.saturating_sub(LABEL_WIDTH).min(30),
        height,
    }
    .intersection(frame.area());
    let lines: Vec<Line> = form
        .suggestions
        .iter()
        .enumerate()
        .skip(start)
        .take(shown)
        .map(|(index, name)| {
            let style = if index == form.highlighted {
                theme.selected_row()
            } else {
                theme.dim()
            };
            Line::styled(format!(" {} ", printable(name)), style)
        })
        .collect();
    let block = Block::bordered().border_style(theme.border());
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn budget_form(frame: &mut Frame, screen: Rect, app: &App, form: &BudgetForm, theme: Theme) {
    let area = popup(screen, 64, 9);
    let title = format!(" Budget for {} ", app.month.long_name());
    let block = dialog_block(&title, theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let [category_area, amount_area, matches_area, hints_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(2),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(inner);
    field(frame, category_area, &form.category, !form.on_amount, theme);
    field(frame, amount_area, &form.amount, form.on_amount, theme);
    if !form.on_amount && !form.suggestions.is_empty() {
        let names: Vec<String> = form
            .suggestions
            .iter()
            .take(6)
            .map(|s| printable(s))
            .collect();
        let text = format!("Matches: {}", names.join(" · "));
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            matches_area,
        );
    }
    let hints = [
        ("Enter", "save"),
        ("Tab", "switch / complete"),
        ("Esc", "cancel"),
    ];
    frame.render_widget(Paragraph::new(super::key_hints(&hints, theme)), hints_area);
}

fn picker_lines<'a, T>(
    picker: &Picker<T>,
    label: impl Fn(&T) -> String,
    theme: Theme,
) -> Vec<Line<'a>> {
    picker
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let style = if index == picker.highlighted {
                theme.selected_row()
            } else {
                ratatui::style::Style::new()
            };
            Line::styled(format!(" {} ", label(item)), style)
        })
        .collect()
}

fn user_picker(frame: &mut Frame, screen: Rect, app: &App, picker: &Picker<User>, theme: Theme) {
    let height = u16::try_from(picker.items.len())
        .unwrap_or(10)
        .saturating_add(2)
        .min(16);
    let area = popup(screen, 60, height);
    let lines = picker_lines(
        picker,
        |u: &User| {
            let mark = if u.id == app.user.id { "●" } else { " " };
            format!(
                "{mark} {} <{}> {}",
                printable(&u.name),
                printable(&u.email),
                u.currency
            )
        },
        theme,
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(dialog_block(" Switch user ", theme)),
        area,
    );
}

fn category_manager(frame: &mut Frame, screen: Rect, manager: &CategoryManager, theme: Theme) {
    let height = u16::try_from(manager.list.items.len())
        .unwrap_or(10)
        .saturating_add(5)
        .min(20);
    let area = popup(screen, 60, height);
    let block = dialog_block(" Categories · n new · d delete ", theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let [list_area, new_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(inner);
    let lines = picker_lines(
        &manager.list,
        |c: &crate::domain::Category| match &c.description {
            Some(d) => format!("{:<16} {}", printable(&c.name), printable(d)),
            None => printable(&c.name),
        },
        theme,
    );
    frame.render_widget(Paragraph::new(lines), list_area);
    if let Some(name) = &manager.new_name {
        field(frame, new_area, name, true, theme);
    }
}
