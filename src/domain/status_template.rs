//! `spend status --format`: a line of the user's own, such as `{spent}/{budget}` for tmux,
//! starship or waybar. Placeholders are checked when the template is read, so a typo is
//! refused before anything is printed.

use thiserror::Error;

use super::{MonthStatus, NumberStyle, level_name, quoted};

/// Every placeholder, with what it stands for (for `--help` and errors).
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("month", "the month, YYYY-MM"),
    ("month_name", "the month, as May 2025"),
    ("spent", "everything spent in the month"),
    ("budgeted_spent", "spent in categories with a budget"),
    ("budget", "the month's budgets added up"),
    ("remaining", "budget left, negative when overspent"),
    (
        "percent",
        "budgeted spending as a percent of the budgets, or -",
    ),
    ("currency", "the currency code"),
    ("level", "ok, warning or exceeded"),
    ("exceeded", "how many budgets are exceeded"),
    ("warnings", "how many budgets are at the warning share"),
    ("alerts", "how many alerts are unseen"),
    (
        "over",
        "the largest overrun, as Shopping over by 200.00, or nothing",
    ),
    ("line", "the whole default line"),
];

/// A template that names something unknown, or is not closed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateError {
    #[error(
        "--format names {{{name}}}, which is not a placeholder; use one of {}",
        known()
    )]
    Unknown { name: String },
    #[error("--format has a {{ with no }} after it; write {{{{ for a literal {{")]
    Unclosed,
    #[error("--format has a }} with no {{ before it; write }}}} for a literal }}")]
    Unopened,
}

fn known() -> String {
    PLACEHOLDERS
        .iter()
        .map(|(name, _)| format!("{{{name}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Field(&'static str),
}

/// A checked `--format` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusTemplate {
    pieces: Vec<Piece>,
}

impl StatusTemplate {
    /// Reads a template; `{{` and `}}` are literal braces.
    pub fn parse(text: &str) -> Result<StatusTemplate, TemplateError> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '}' => return Err(TemplateError::Unopened),
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => name.push(c),
                            None => return Err(TemplateError::Unclosed),
                        }
                    }
                    let field = PLACEHOLDERS
                        .iter()
                        .find(|(known, _)| *known == name.trim())
                        .map(|(known, _)| *known)
                        .ok_or(TemplateError::Unknown { name })?;
                    pieces.push(Piece::Text(std::mem::take(&mut literal)));
                    pieces.push(Piece::Field(field));
                }
                c => literal.push(c),
            }
        }
        pieces.push(Piece::Text(literal));
        pieces.retain(|piece| !matches!(piece, Piece::Text(text) if text.is_empty()));
        Ok(StatusTemplate { pieces })
    }

    /// The template filled in from a month's status.
    pub fn render(&self, status: &MonthStatus, style: impl Into<NumberStyle>) -> String {
        let style = style.into();
        self.pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.clone(),
                Piece::Field(name) => field(status, name, style),
            })
            .collect()
    }
}

fn field(status: &MonthStatus, name: &str, style: NumberStyle) -> String {
    let money = |amount| status.money(amount, style);
    match name {
        "month" => status.month.to_string(),
        "month_name" => status.month.long_name(),
        "spent" => money(status.spent),
        "budgeted_spent" => money(status.spent_in_budgets),
        "budget" => money(status.budget),
        "remaining" => money(status.remaining()),
        "percent" => status
            .percent()
            .map_or_else(|| "-".to_string(), |p| p.to_string()),
        "currency" => status.currency.code().to_string(),
        "level" => level_name(status.level()).to_string(),
        "exceeded" => status.exceeded.len().to_string(),
        "warnings" => status.warnings.len().to_string(),
        "alerts" => status.unseen_alerts.to_string(),
        "over" => status.over_text(style),
        "line" => status.line(style),
        // `parse` admits only the names above.
        other => quoted(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, Grouping, Month};
    use rust_decimal::Decimal;

    fn status() -> MonthStatus {
        MonthStatus {
            month: Month::parse("2025-05").expect("month"),
            currency: Currency::INR,
            spent: Decimal::from(6800),
            spent_in_budgets: Decimal::from(6800),
            budget: Decimal::from(15000),
            exceeded: Vec::new(),
            warnings: Vec::new(),
            unseen_alerts: 1,
            warn_percent: 80,
            has_budgets: true,
        }
    }

    fn render(template: &str) -> String {
        StatusTemplate::parse(template)
            .expect("a valid template")
            .render(&status(), Grouping::International)
    }

    #[test]
    fn placeholders_are_filled_and_braces_escaped() {
        assert_eq!(render("{spent}/{budget}"), "6,800.00/15,000.00");
        assert_eq!(render("{{{level}}} {percent}% {alerts}!"), "{ok} 45% 1!");
        assert_eq!(
            render("{month} {month_name} {currency}"),
            "2025-05 May 2025 INR"
        );
        assert_eq!(render("plain"), "plain");
        assert_eq!(render("{remaining}|{over}|"), "8,200.00||");
    }

    #[test]
    fn every_placeholder_renders() {
        for (name, _) in PLACEHOLDERS {
            assert!(
                StatusTemplate::parse(&format!("{{{name}}}")).is_ok(),
                "{name}"
            );
        }
    }

    #[test]
    fn mistakes_are_refused_with_what_to_write() {
        let error = StatusTemplate::parse("{spnt}").expect_err("unknown");
        assert_eq!(
            error,
            TemplateError::Unknown {
                name: "spnt".into()
            }
        );
        assert!(error.to_string().starts_with(
            "--format names {spnt}, which is not a placeholder; use one of {month}, {month_name},"
        ));
        assert_eq!(
            StatusTemplate::parse("{spent"),
            Err(TemplateError::Unclosed)
        );
        assert_eq!(StatusTemplate::parse("a}b"), Err(TemplateError::Unopened));
    }
}
