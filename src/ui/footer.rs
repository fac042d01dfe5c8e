//! The bottom two lines: the keys that matter most right now, and the status of the last
//! action, wrapped onto both lines when it is long rather than cut.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{AppView, Tone};
use crate::domain::display_width;
use crate::keys::{Hint, hints};

use super::Theme;

pub fn render(frame: &mut Frame, area: Rect, view: &AppView, theme: Theme) {
    let Some(status) = &view.status else {
        let line = hint_line(&hints(view.mode()), usize::from(area.width), theme);
        frame.render_widget(Paragraph::new(line), area);
        return;
    };
    let style = match status.tone {
        Tone::Info => theme.dim(),
        Tone::Success => theme.success(),
        Tone::Alert => theme.exceeded(),
        Tone::Error => theme.error(),
    };
    let text = format!(" {}", status.text);
    let width = usize::from(area.width.max(1));
    // A status that needs both lines takes them; otherwise the keys keep the first.
    let [keys_area, status_area] = if display_width(&text) > width {
        [Rect::default(), area]
    } else {
        let [keys, line] = ratatui::layout::Layout::vertical([
            ratatui::layout::Constraint::Length(1),
            ratatui::layout::Constraint::Length(1),
        ])
        .areas(area);
        [keys, line]
    };
    let line = hint_line(&hints(view.mode()), usize::from(keys_area.width), theme);
    frame.render_widget(Paragraph::new(line), keys_area);
    frame.render_widget(
        Paragraph::new(Span::styled(text, style)).wrap(Wrap { trim: false }),
        status_area,
    );
}

/// The hints that fit `width`, chosen by priority and shown in table order.
pub fn hint_line(hints: &[Hint], width: usize, theme: Theme) -> Line<'static> {
    let cost = |hint: &Hint| display_width(hint.keys) + display_width(hint.word) + 3;
    let mut by_priority: Vec<(usize, &Hint)> = hints.iter().enumerate().collect();
    by_priority.sort_by_key(|(index, hint)| (hint.priority, *index));
    let mut room = width.saturating_sub(1);
    let mut chosen: Vec<usize> = Vec::new();
    for (index, hint) in by_priority {
        if cost(hint) <= room {
            room -= cost(hint);
            chosen.push(index);
        }
    }
    chosen.sort_unstable();
    let mut spans = vec![Span::raw(" ")];
    for index in chosen {
        let hint = &hints[index];
        spans.push(Span::styled(hint.keys, theme.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(hint.word, theme.dim()));
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}
