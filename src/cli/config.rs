//! `spend config path` and `spend config show`.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::config::Settings;
use crate::domain::printable;

use super::table::{Column, Table};

/// Every setting in effect with where it came from, as a table or JSON.
pub fn show_settings(settings: &Settings, as_json: bool, out: &mut dyn Write) -> io::Result<()> {
    let file = settings
        .file
        .as_ref()
        .map(|path| path.display().to_string());
    if as_json {
        let mut values = Map::new();
        for (key, value, origin) in settings.entries() {
            values.insert(key, json!({ "value": value, "source": origin.to_string() }));
        }
        let value = json!({
            "file": { "path": file, "found": settings.file_found },
            "settings": Value::Object(values),
        });
        return super::json::print(out, &value);
    }
    let found = if settings.file_found {
        ""
    } else {
        " (not found)"
    };
    writeln!(
        out,
        "config file: {}{found}",
        file.as_deref()
            .map_or_else(|| "(no home directory)".into(), printable)
    )?;
    let mut table = Table::new(
        "",
        &[
            Column::text("Setting", 24),
            Column::text("Value", 60),
            Column::rest("From"),
        ],
    );
    for (key, value, origin) in settings.entries() {
        table.row(vec![key, printable(&value), origin.to_string()]);
    }
    table.write(out)
}
