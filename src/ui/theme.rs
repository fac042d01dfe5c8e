//! Every style the screens use, in one place: a palette of colours per role (a dark and a
//! light preset, each colour replaceable from the config file); with `NO_COLOR` only
//! emphasis remains.

use ratatui::style::{Color, Modifier, Style};

/// The colour of each role the screens draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub title: Color,
    pub border: Color,
    pub focused_border: Color,
    pub key: Color,
    /// The background of the selected row.
    pub selected: Color,
    pub under: Color,
    pub warning: Color,
    pub exceeded: Color,
    pub error: Color,
    pub success: Color,
    pub unfilled: Color,
    /// The background of a text field.
    pub input: Color,
    pub bar: Color,
}

impl Palette {
    /// For dark terminal backgrounds: the default.
    pub const DARK: Palette = Palette {
        title: Color::Cyan,
        border: Color::DarkGray,
        focused_border: Color::Cyan,
        key: Color::Cyan,
        selected: Color::DarkGray,
        under: Color::Green,
        warning: Color::Yellow,
        exceeded: Color::Red,
        error: Color::Red,
        success: Color::Green,
        unfilled: Color::DarkGray,
        input: Color::Rgb(40, 44, 52),
        bar: Color::Cyan,
    };

    /// For light terminal backgrounds: darker text, pale selections.
    pub const LIGHT: Palette = Palette {
        title: Color::Blue,
        border: Color::Gray,
        focused_border: Color::Blue,
        key: Color::Blue,
        selected: Color::Rgb(200, 215, 235),
        under: Color::Rgb(0, 120, 40),
        warning: Color::Rgb(170, 90, 0),
        exceeded: Color::Red,
        error: Color::Red,
        success: Color::Rgb(0, 120, 40),
        unfilled: Color::Gray,
        input: Color::Rgb(232, 232, 232),
        bar: Color::Blue,
    };

    /// The roles, by the names the config file's `[theme]` table uses.
    pub const ROLES: [&'static str; 13] = [
        "title",
        "border",
        "focused_border",
        "key",
        "selected",
        "under",
        "warning",
        "exceeded",
        "error",
        "success",
        "unfilled",
        "input",
        "bar",
    ];

    /// The colour of a role, by name.
    pub fn role_mut(&mut self, role: &str) -> Option<&mut Color> {
        Some(match role {
            "title" => &mut self.title,
            "border" => &mut self.border,
            "focused_border" => &mut self.focused_border,
            "key" => &mut self.key,
            "selected" => &mut self.selected,
            "under" => &mut self.under,
            "warning" => &mut self.warning,
            "exceeded" => &mut self.exceeded,
            "error" => &mut self.error,
            "success" => &mut self.success,
            "unfilled" => &mut self.unfilled,
            "input" => &mut self.input,
            "bar" => &mut self.bar,
            _ => return None,
        })
    }
}

/// The palette, or no colours at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    palette: Option<Palette>,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        if std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) {
            Theme::colored()
        } else {
            Theme::plain()
        }
    }

    /// The dark palette.
    pub fn colored() -> Theme {
        Theme::with_palette(Palette::DARK)
    }

    /// These colours.
    pub fn with_palette(palette: Palette) -> Theme {
        Theme {
            palette: Some(palette),
        }
    }

    /// No colours, only bold, dim, reversed and underlined.
    pub fn plain() -> Theme {
        Theme { palette: None }
    }

    fn fg(self, role: impl Fn(&Palette) -> Color) -> Style {
        match &self.palette {
            Some(palette) => Style::new().fg(role(palette)),
            None => Style::new(),
        }
    }

    pub fn title(self) -> Style {
        self.fg(|p| p.title).add_modifier(Modifier::BOLD)
    }

    pub fn border(self) -> Style {
        self.fg(|p| p.border)
    }

    pub fn focused_border(self) -> Style {
        self.fg(|p| p.focused_border)
    }

    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn bold(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        self.fg(|p| p.key).add_modifier(Modifier::BOLD)
    }

    pub fn selected_row(self) -> Style {
        match &self.palette {
            Some(palette) => Style::new()
                .bg(palette.selected)
                .add_modifier(Modifier::BOLD),
            None => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    pub fn under(self) -> Style {
        self.fg(|p| p.under)
    }

    pub fn warning(self) -> Style {
        self.fg(|p| p.warning)
    }

    pub fn exceeded(self) -> Style {
        self.fg(|p| p.exceeded).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.fg(|p| p.error)
    }

    pub fn success(self) -> Style {
        self.fg(|p| p.success)
    }

    pub fn unfilled(self) -> Style {
        self.fg(|p| p.unfilled)
    }

    pub fn input(self) -> Style {
        match &self.palette {
            Some(palette) => Style::new().bg(palette.input),
            None => Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    pub fn bar(self) -> Style {
        self.fg(|p| p.bar)
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

    #[test]
    fn every_role_is_named_and_the_presets_differ() {
        let mut palette = super::Palette::DARK;
        for role in super::Palette::ROLES {
            let colour = palette.role_mut(role).expect(role);
            *colour = ratatui::style::Color::Magenta;
        }
        assert_eq!(palette.role_mut("nope"), None);
        let themed = Theme::with_palette(palette);
        assert_eq!(themed.title().fg, Some(ratatui::style::Color::Magenta));
        assert_eq!(themed.input().bg, Some(ratatui::style::Color::Magenta));
        assert_ne!(super::Palette::DARK, super::Palette::LIGHT);
    }
}
