//! Dialogs over the main screen: the expense form, budget form, yes/no, pickers. Every
//! message wraps inside its dialog and the dialog grows to hold it; nothing is cut.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::{
    AppView, BudgetForm, CategoryManager, Confirm, ExpenseForm, Field, Modal, NewCategoryForm,
    Picker, TextField,
};
use crate::domain::{Category, User, display_width, fit_width, pad_width, printable};

use super::{Theme, help};

mod import;
mod recurring;

/// Width of the label column in forms.
const LABEL_WIDTH: u16 = 10;
/// Suggestions shown under the category field.
const MAX_SUGGESTIONS: usize = 5;

pub fn render(frame: &mut Frame, screen: Rect, view: &AppView, modal: &Modal, theme: Theme) {
    match modal {
        Modal::Expense(form) => expense_form(frame, screen, view, form, theme),
        Modal::Budget(form) => budget_form(frame, screen, view, form, theme),
        Modal::Confirm(confirm) => confirm_dialog(frame, screen, confirm, theme),
        Modal::Help => help::render(frame, screen, theme),
        Modal::Users(picker) => user_picker(frame, screen, view, picker, theme),
        Modal::Categories(manager) => category_manager(frame, screen, manager, theme),
        Modal::Import(dialog) => import::render(frame, screen, view, dialog, theme),
        Modal::Recurring(manager) => recurring::render(frame, screen, view, manager, theme),
    }
}

fn popup(screen: Rect, width: u16, height: u16) -> Rect {
    screen.centered(
        Constraint::Length(width.min(screen.width.saturating_sub(2))),
        Constraint::Length(height.min(screen.height)),
    )
}

fn dialog_width(screen: Rect, wanted: u16) -> u16 {
    wanted.min(screen.width.saturating_sub(2))
}

fn dialog_block(title: &str, theme: Theme) -> Block<'_> {
    Block::bordered()
        .title(Span::styled(title, theme.title()))
        .border_style(theme.focused_border())
}

/// `text` wrapped to `width` columns, as lines.
fn wrapped(text: &str, width: u16) -> Vec<String> {
    textwrap::wrap(text, usize::from(width.max(1)))
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect()
}

fn height_of(lines: usize) -> u16 {
    u16::try_from(lines).unwrap_or(u16::MAX)
}

fn confirm_dialog(frame: &mut Frame, screen: Rect, confirm: &Confirm, theme: Theme) {
    let width = dialog_width(screen, 60);
    let question = wrapped(&printable(&confirm.question), width.saturating_sub(2));
    let height = height_of(question.len()) + 4;
    let area = popup(screen, width, height);
    let mut text: Vec<Line> = question.into_iter().map(Line::from).collect();
    text.push(Line::from(""));
    text.push(super::key_hints(&[("y", "yes"), ("n", "no")], theme));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(text).block(dialog_block(" Confirm ", theme)),
        area,
    );
}

/// The error under a field, wrapped to the room beside the label.
fn error_lines(field: &TextField, dialog_inner_width: u16) -> Vec<String> {
    let room = dialog_inner_width.saturating_sub(LABEL_WIDTH);
    field
        .error
        .as_ref()
        .map(|error| wrapped(&format!("✗ {}", printable(error)), room))
        .unwrap_or_default()
}

/// Rows a field takes: its input line, then its error or one blank line.
fn field_height(field: &TextField, dialog_inner_width: u16) -> u16 {
    1 + height_of(error_lines(field, dialog_inner_width).len().max(1))
}

/// Draws a labelled field on `area`'s first line and its error below; places the cursor
/// when focused. The text follows `prefix`, drawn dim: words that are not typed but say
/// what the text means, such as the currency of an amount (`USD 100.00`).
fn prefixed_field(
    frame: &mut Frame,
    area: Rect,
    (field, focused, prefix): (&TextField, bool, &str),
    theme: Theme,
) {
    let [input_line, error_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let [label_area, after_label] =
        Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Fill(1)])
            .areas(input_line);
    let label_style = if focused { theme.key() } else { theme.bold() };
    frame.render_widget(
        Paragraph::new(Span::styled(field.label, label_style)),
        label_area,
    );
    let prefix_width = u16::try_from(display_width(prefix)).unwrap_or(u16::MAX);
    let [prefix_area, input_area] = Layout::horizontal([
        Constraint::Length(prefix_width.min(after_label.width / 2)),
        Constraint::Fill(1),
    ])
    .areas(after_label);
    frame.render_widget(
        Paragraph::new(Span::styled(prefix, theme.dim())),
        prefix_area,
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
    let errors = error_lines(field, area.width);
    if !errors.is_empty() {
        let [_, error_text] =
            Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Fill(1)])
                .areas(error_area);
        let lines: Vec<Line> = errors
            .into_iter()
            .map(|line| Line::styled(line, theme.error()))
            .collect();
        frame.render_widget(Paragraph::new(lines), error_text);
    }
}

/// Draws fields one under the other in `area`, each as tall as it needs.
fn fields(frame: &mut Frame, area: Rect, list: &[(&TextField, bool)], theme: Theme) -> Vec<Rect> {
    let prefixed: Vec<(&TextField, bool, &str)> =
        list.iter().map(|(f, focused)| (*f, *focused, "")).collect();
    prefixed_fields(frame, area, &prefixed, theme)
}

/// [`fields`], each after its prefix.
fn prefixed_fields(
    frame: &mut Frame,
    area: Rect,
    list: &[(&TextField, bool, &str)],
    theme: Theme,
) -> Vec<Rect> {
    let constraints = list
        .iter()
        .map(|(f, _, _)| Constraint::Length(field_height(f, area.width)));
    let areas = Layout::vertical(constraints).split(area);
    for (entry, at) in list.iter().zip(areas.iter()) {
        prefixed_field(frame, *at, *entry, theme);
    }
    areas.to_vec()
}

/// What the expense form shows before a field's text: the currency an amount is in, and
/// what a rate converts.
fn expense_prefix(form: &ExpenseForm, which: Field) -> String {
    match which {
        Field::Amount => form
            .currency_before_amount()
            .map_or_else(String::new, |currency| format!("{currency} ")),
        Field::Rate => form
            .rate_for
            .map_or_else(String::new, |currency| format!("1 {currency} = ")),
        Field::Category | Field::Date | Field::Note => String::new(),
    }
}

fn expense_form(frame: &mut Frame, screen: Rect, view: &AppView, form: &ExpenseForm, theme: Theme) {
    let title = match form.editing() {
        Some(id) => format!(" Edit expense #{id} "),
        None => format!(" Add expense · {} ", view.user.currency),
    };
    let order = form.shown_fields();
    let width = dialog_width(screen, 76);
    let inner_width = width.saturating_sub(2);
    let notes = form_notes(view, form);
    let note_lines = wrapped(&notes.join(" "), inner_width);
    let fields_height: u16 = order
        .iter()
        .map(|which| field_height(form.field(*which), inner_width))
        .sum();
    let area = popup(
        screen,
        width,
        fields_height + height_of(note_lines.len().max(1)) + 3,
    );
    let block = dialog_block(&title, theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let [fields_area, notes_area, hints_area] = Layout::vertical([
        Constraint::Length(fields_height),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let prefixes: Vec<String> = order.iter().map(|w| expense_prefix(form, *w)).collect();
    let list: Vec<(&TextField, bool, &str)> = order
        .iter()
        .zip(&prefixes)
        .map(|(which, prefix)| (form.field(*which), form.focus == *which, prefix.as_str()))
        .collect();
    let rows = prefixed_fields(frame, fields_area, &list, theme);
    let note_style = if form.error.is_some() {
        theme.error()
    } else {
        theme.warning()
    };
    let lines: Vec<Line> = note_lines
        .into_iter()
        .map(|line| Line::styled(line, note_style))
        .collect();
    frame.render_widget(Paragraph::new(lines), notes_area);
    let hints = [
        ("Enter", "save"),
        ("Tab", "next / complete"),
        ("↑↓", "choose"),
        ("Esc", "cancel"),
    ];
    frame.render_widget(Paragraph::new(super::key_hints(&hints, theme)), hints_area);
    if form.focus == Field::Category
        && let Some(category_row) = order
            .iter()
            .position(|which| *which == Field::Category)
            .and_then(|at| rows.get(at))
    {
        suggestions(frame, *category_row, form, theme);
    }
}

/// What the form says below its fields: a category it would create, and an error from saving.
fn form_notes(view: &AppView, form: &ExpenseForm) -> Vec<String> {
    let mut notes = Vec::new();
    if form.category_is_new(&view.categories) {
        let typed = printable(form.field(Field::Category).value().trim());
        notes.push(
            match form.highlighted.and_then(|at| form.suggestions.get(at)) {
                Some(pick) => format!("Enter takes {}.", printable(pick)),
                None if !form.suggestions.is_empty() => {
                    format!("\"{typed}\" is new: ↓ picks a match, Enter creates \"{typed}\".")
                }
                None => format!("\"{typed}\" is new: Enter creates it."),
            },
        );
    }
    if let Some(error) = &form.error {
        notes.push(format!("✗ {}", printable(error)));
    }
    notes
}

/// The dropdown of matching categories, just under the category field.
fn suggestions(frame: &mut Frame, field_area: Rect, form: &ExpenseForm, theme: Theme) {
    if form.suggestions.is_empty() {
        return;
    }
    let shown = form.suggestions.len().min(MAX_SUGGESTIONS);
    let at = form.highlighted.unwrap_or(0);
    let start = at.saturating_sub(MAX_SUGGESTIONS - 1);
    let width = field_area.width.saturating_sub(LABEL_WIDTH).min(30);
    let area = Rect {
        x: field_area.x + LABEL_WIDTH,
        y: field_area.y + 1,
        width,
        height: height_of(shown) + 2,
    }
    .intersection(frame.area());
    let room = usize::from(width.saturating_sub(4));
    let lines: Vec<Line> = form
        .suggestions
        .iter()
        .enumerate()
        .skip(start)
        .take(shown)
        .map(|(index, name)| {
            let style = if Some(index) == form.highlighted {
                theme.selected_row()
            } else {
                theme.dim()
            };
            Line::styled(format!(" {} ", pad_width(&printable(name), room)), style)
        })
        .collect();
    let block = Block::bordered().border_style(theme.border());
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn budget_form(frame: &mut Frame, screen: Rect, view: &AppView, form: &BudgetForm, theme: Theme) {
    let width = dialog_width(screen, 64);
    let inner_width = width.saturating_sub(2);
    let matches = if !form.on_amount && !form.suggestions.is_empty() {
        let names: Vec<String> = form
            .suggestions
            .iter()
            .take(6)
            .map(|s| printable(s))
            .collect();
        wrapped(&format!("Matches: {}", names.join(" · ")), inner_width)
    } else {
        Vec::new()
    };
    let notes = budget_notes(view, form, inner_width, theme);
    let month = view.month.long_name();
    let fields_height =
        field_height(&form.category, inner_width) + field_height(&form.amount, inner_width);
    let notes_height = height_of(notes.len());
    let height = fields_height + notes_height + height_of(matches.len().max(1)) + 3;
    let area = popup(screen, width, height);
    let title = format!(" Budget · {month} ");
    let block = dialog_block(&title, theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let [fields_area, notes_area, matches_area, hints_area] = Layout::vertical([
        Constraint::Length(fields_height),
        Constraint::Length(notes_height),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    fields(
        frame,
        fields_area,
        &[
            (&form.category, !form.on_amount),
            (&form.amount, form.on_amount),
        ],
        theme,
    );
    frame.render_widget(Paragraph::new(notes), notes_area);
    let lines: Vec<Line> = matches
        .into_iter()
        .map(|line| Line::styled(line, theme.dim()))
        .collect();
    frame.render_widget(Paragraph::new(lines), matches_area);
    let hints = [
        ("Enter", "save"),
        ("^t", "standing"),
        ("^r", "rollover"),
        ("^o", "debt"),
        ("Esc", "cancel"),
    ];
    frame.render_widget(Paragraph::new(super::key_hints(&hints, theme)), hints_area);
}

/// The budget dialog's notes: what the category has now, which months the budget applies
/// to, and what carries into the next month.
fn budget_notes<'a>(view: &AppView, form: &BudgetForm, width: u16, theme: Theme) -> Vec<Line<'a>> {
    let mut notes: Vec<Line> = wrapped(&budget_now(view, form), width)
        .into_iter()
        .map(|line| Line::styled(line, theme.dim()))
        .collect();
    let month = view.month.long_name();
    let applies = if form.standing {
        format!("Applies   every month from {month} on")
    } else {
        format!("Applies   {month} only")
    };
    let rollover = match (form.rollover, form.carry_overspending) {
        (true, false) => "Rollover  on: what is left carries into the next month",
        (true, true) => "Rollover  on: leftover and overspend carry into next month",
        (false, _) => "Rollover  off",
    };
    notes.push(Line::from(applies));
    notes.push(Line::from(rollover));
    notes
}

/// What the picked category has now, and what an empty amount does.
fn budget_now(view: &AppView, form: &BudgetForm) -> String {
    let Some(budget) = &form.current else {
        return "No budget yet in this month.".to_string();
    };
    let carried = if budget.carried.is_zero() {
        String::new()
    } else {
        format!(", {} carried", super::signed_money(view, budget.carried))
    };
    let base = view.money(budget.base());
    let now = if budget.standing {
        format!("Now {base} a month, standing{carried}.")
    } else {
        format!("Now {base} for {} only{carried}.", view.month.long_name())
    };
    format!("{now} An empty amount removes it.")
}

fn picker_lines<'a, T>(
    picker: &Picker<T>,
    label: impl Fn(&T) -> String,
    width: usize,
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
            Line::styled(format!(" {} ", pad_width(&label(item), width)), style)
        })
        .collect()
}

/// A list's lines scrolled so that line `highlighted` is in `area`.
fn scrolled(lines: Vec<Line<'_>>, highlighted: usize, area: Rect) -> Paragraph<'_> {
    let scroll = highlighted.saturating_sub(usize::from(area.height.saturating_sub(1)));
    Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
}

fn user_picker(
    frame: &mut Frame,
    screen: Rect,
    view: &AppView,
    picker: &Picker<User>,
    theme: Theme,
) {
    let height = height_of(picker.items.len()).saturating_add(2).min(16);
    let width = dialog_width(screen, 64);
    let area = popup(screen, width, height);
    let lines = picker_lines(
        picker,
        |u: &User| {
            let mark = if u.id == view.user.id { "●" } else { " " };
            format!(
                "{mark} {} <{}> {}",
                printable(&u.name),
                printable(&u.email),
                u.currency
            )
        },
        usize::from(width.saturating_sub(4)),
        theme,
    );
    let block = dialog_block(" Switch user ", theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(scrolled(lines, picker.highlighted, inner), inner);
}

fn category_manager(frame: &mut Frame, screen: Rect, manager: &CategoryManager, theme: Theme) {
    let width = dialog_width(screen, 64);
    let inner_width = width.saturating_sub(2);
    let form_height = manager.new_category.as_ref().map_or(0, |form| {
        field_height(&form.name, inner_width) + field_height(&form.description, inner_width)
    });
    let list_height = height_of(manager.list.items.len()).min(14);
    let area = popup(screen, width, list_height + form_height + 2);
    let block = dialog_block(" Categories · n new · d delete ", theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let [list_area, new_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(form_height)]).areas(inner);
    let room = usize::from(inner_width.saturating_sub(2));
    let name_width = 18.min(room / 2);
    let lines = picker_lines(
        &manager.list,
        |c: &Category| match &c.description {
            Some(d) => format!(
                "{} {}",
                pad_width(&printable(&c.name), name_width),
                fit_width(&printable(d), room.saturating_sub(name_width + 1))
            ),
            None => printable(&c.name),
        },
        room,
        theme,
    );
    frame.render_widget(
        scrolled(lines, manager.list.highlighted, list_area),
        list_area,
    );
    if let Some(form) = &manager.new_category {
        new_category(frame, new_area, form, theme);
    }
}

fn new_category(frame: &mut Frame, area: Rect, form: &NewCategoryForm, theme: Theme) {
    fields(
        frame,
        area,
        &[
            (&form.name, !form.on_description),
            (&form.description, form.on_description),
        ],
        theme,
    );
}
