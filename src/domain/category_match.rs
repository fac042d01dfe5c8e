//! Which existing category a typed name is probably meant to be.

/// Category names that start with the typed text, then those that contain it, ignoring case.
pub fn matching_categories<'a>(
    typed: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let typed = typed.trim().to_lowercase();
    let (mut starts, contains): (Vec<&str>, Vec<&str>) = names
        .into_iter()
        .filter(|name| name.to_lowercase().contains(&typed))
        .partition(|name| name.to_lowercase().starts_with(&typed));
    starts.extend(contains);
    starts
}

/// The category a name that matches none was probably meant to be: the closest within two
/// edits (one for names of four letters or fewer), or else the first that contains it.
/// `None` when the name is a category, or nothing is near it.
pub fn likely_meant<'a>(typed: &str, names: &[&'a str]) -> Option<&'a str> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() || names.iter().any(|name| name.to_lowercase() == typed) {
        return None;
    }
    let allowed = if typed.chars().count() <= 4 { 1 } else { 2 };
    let closest = names
        .iter()
        .map(|name| (strsim::levenshtein(&typed, &name.to_lowercase()), *name))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name);
    closest.or_else(|| {
        matching_categories(&typed, names.iter().copied())
            .first()
            .copied()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 5] = ["Entertainment", "Food", "Rent", "Shopping", "Transport"];

    #[test]
    fn near_misses_find_what_was_meant() {
        assert_eq!(likely_meant("Fod", &NAMES), Some("Food"));
        assert_eq!(
            likely_meant("fodo", &NAMES),
            None,
            "two edits on a short name"
        );
        assert_eq!(likely_meant("Shoping", &NAMES), Some("Shopping"));
        assert_eq!(likely_meant("oo", &NAMES), Some("Food"), "a part of a name");
        assert_eq!(likely_meant("Tranport", &NAMES), Some("Transport"));
    }

    #[test]
    fn real_categories_and_distant_names_are_not_misses() {
        assert_eq!(likely_meant("food", &NAMES), None);
        assert_eq!(likely_meant("Groceries", &NAMES), None);
        assert_eq!(likely_meant("  ", &NAMES), None);
    }

    #[test]
    fn prefixes_come_before_other_matches() {
        assert_eq!(
            matching_categories("t", NAMES),
            ["Transport", "Entertainment", "Rent"]
        );
    }
}
