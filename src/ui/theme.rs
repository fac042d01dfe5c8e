//! Every style the screens use, in one place; with `NO_COLOR` only emphasis remains.

use ratatui::style::{Color, Modifier, Style};

/// The palette, or its colourless twin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub fn colored() -> Theme {
        Theme { color: true }
    }

    /// No colours, only bold, dim, reversed and underlined.
    pub fn plain() -> Theme {
        Theme { color: false }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn focused_border(self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn bold(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected_row(self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn under(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warning(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn exceeded(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red)
    }

    pub fn success(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn unfilled(self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn input(self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(40, 44, 52))
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn bar(self) -> Style {
        self.fg(Color::Cyan)
    }
}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn without_colour_every_style_keeps_only_emphasis() {
        let plain = Theme::plain();
        let styles = [
            plain.title(),
            plain.border(),
            plain.key(),
            plain.selected_row(),
            plain.under(),
            plain.warning(),
            plain.exceeded(),
            plain.error(),
            plain.success(),
            plain.input(),
            plain.bar(),
        ];
        for style in styles {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        assert_ne!(Theme::colored().exceeded().fg, None);
        assert_ne!(
            plain.selected_row(),
            ratatui::style::Style::new(),
            "selection stays visible"
        );
    }
}
