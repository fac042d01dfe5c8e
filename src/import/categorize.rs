//! Categories for imported rows: the first rule that matches (a case-insensitive
//! substring, or a regex after `re:`), else what the person chose last time for the same
//! description, else none.

use std::collections::HashMap;

use regex::{Regex, RegexBuilder};

use crate::domain::quoted;

use super::fingerprint::normalize_description;

/// A rule's pattern, ready to match a normalised description.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// Lower case, spaces single, as descriptions are compared.
    Substring(String),
    Regex(Regex),
}

/// The longest regex a rule may compile to, so a rule cannot make imports slow.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

impl Pattern {
    /// `re:^amzn` is a regex (case-insensitive); anything else a substring.
    pub fn parse(text: &str) -> Result<Pattern, String> {
        if let Some(regex) = text.strip_prefix("re:") {
            return RegexBuilder::new(regex)
                .case_insensitive(true)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map(Pattern::Regex)
                .map_err(|e| {
                    // The parser draws a caret under the fault over several lines; its last
                    // line says what the fault is.
                    let text = e.to_string();
                    let why = text.lines().last().unwrap_or_default().trim();
                    let why = why.strip_prefix("error: ").unwrap_or(why);
                    format!("pattern {} is not a regex: {why}", quoted(regex))
                });
        }
        let needle = normalize_description(text);
        if needle.is_empty() {
            return Err("the pattern is empty; give text the description contains".into());
        }
        Ok(Pattern::Substring(needle))
    }

    /// Whether a description (normalised) matches; a regex sees the text as written too.
    fn matches(&self, normalized: &str, raw: &str) -> bool {
        match self {
            Pattern::Substring(needle) => normalized.contains(needle.as_str()),
            Pattern::Regex(regex) => regex.is_match(raw) || regex.is_match(normalized),
        }
    }
}

/// Rules in order, and what was learned from categorised expenses.
#[derive(Debug, Default)]
pub struct Categorizer {
    rules: Vec<(Pattern, String)>,
    learned: HashMap<String, String>,
}

impl Categorizer {
    /// `rules` as `(pattern, category)` in the order they apply; a stored pattern that no
    /// longer compiles is refused by name.
    pub fn new<'a>(
        rules: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Categorizer, String> {
        let rules = rules
            .into_iter()
            .map(|(pattern, category)| Ok((Pattern::parse(pattern)?, category.to_string())))
            .collect::<Result<_, String>>()?;
        Ok(Categorizer {
            rules,
            learned: HashMap::new(),
        })
    }

    /// Learns from categorised expenses given oldest first, so the most recent choice for a
    /// description is the one kept.
    pub fn learn<'a>(&mut self, notes: impl IntoIterator<Item = (&'a str, &'a str)>) {
        for (note, category) in notes {
            self.learned
                .insert(normalize_description(note), category.to_string());
        }
    }

    /// The category for a description: by rule, then by learning.
    pub fn category_for(&self, description: &str) -> Option<&str> {
        if self.rules.is_empty() && self.learned.is_empty() {
            return None;
        }
        let normalized = normalize_description(description);
        self.rules
            .iter()
            .find(|(pattern, _)| pattern.matches(&normalized, description))
            .map(|(_, category)| category.as_str())
            .or_else(|| self.learned.get(&normalized).map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_matching_rule_wins_then_learning() {
        let mut categorizer = Categorizer::new([
            ("re:^amzn\\s+mktp", "Shopping"),
            ("swiggy", "Food"),
            ("SWIGGY instamart", "Groceries"),
        ])
        .expect("rules");
        categorizer.learn([("Metro card", "Travel"), ("METRO  CARD", "Transport")]);
        assert_eq!(
            categorizer.category_for("AMZN Mktp IN*123"),
            Some("Shopping")
        );
        assert_eq!(categorizer.category_for("Swiggy Instamart"), Some("Food"));
        assert_eq!(categorizer.category_for("metro card"), Some("Transport"));
        assert_eq!(categorizer.category_for("Unknown shop"), None);
        assert_eq!(categorizer.category_for("my amzn mktp"), None);
    }

    #[test]
    fn bad_patterns_are_refused_by_name() {
        assert!(
            Pattern::parse("re:(")
                .expect_err("regex")
                .starts_with("pattern \"(\" is not a regex")
        );
        assert_eq!(
            Pattern::parse("  ").expect_err("empty"),
            "the pattern is empty; give text the description contains"
        );
    }
}
