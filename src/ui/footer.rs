//! The bottom two lines: the main keys, and the status of the last action.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Mode, Tone};

use super::{Theme, fitted_key_hints};

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let [keys_area, status_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let keys: &[(&str, &str)] = match app.mode() {
        Mode::Normal => &[
            ("a", "add"),
            ("e", "edit"),
            ("d", "delete"),
            ("u", "undo"),
            ("/", "filter"),
            ("b", "budget"),
            ("h/l", "month"),
            ("x", "export"),
            ("Tab", "trends"),
            ("m", "seen"),
            ("?", "help · q quit"),
        ],
        Mode::Filter => &[
            ("type", "to filter"),
            ("↑↓", "move"),
            ("Enter", "keep"),
            ("Esc", "clear"),
        ],
        Mode::Form => &[("Tab", "next field"), ("Enter", "save"), ("Esc", "cancel")],
        Mode::Confirm => &[("y", "yes"), ("n", "no")],
        Mode::Help => &[("Esc", "close")],
        Mode::Picker => &[("j/k", "move"), ("Enter", "choose"), ("Esc", "close")],
        Mode::Categories => &[
            ("j/k", "move"),
            ("n", "new"),
            ("d", "delete"),
            ("Esc", "close"),
        ],
    };
    let hints = fitted_key_hints(keys, usize::from(keys_area.width), theme);
    frame.render_widget(Paragraph::new(hints), keys_area);
    if let Some(status) = &app.status {
        let style = match status.tone {
            Tone::Info => theme.dim(),
            Tone::Success => theme.success(),
            Tone::Alert => theme.exceeded(),
            Tone::Error => theme.error(),
        };
        let line = Line::from(Span::styled(format!(" {}", status.text), style));
        frame.render_widget(Paragraph::new(line), status_area);
    }
}
