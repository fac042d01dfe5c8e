//! The import dialog: a bank statement's path (Tab completes it), its column mapping and
//! its formats. Enter previews the rows as they will be stored; Enter again on the same
//! fields imports them, and the status line gives the summary.

use std::path::{Path, PathBuf};

use crate::domain::{Month, printable};
use crate::import::{
    Counts, ImportProfile, Planned, Status, describe_reading, mark_known, parse_settings,
    plan_statement, read_statement, statement_options, write_plan,
};
use crate::store::StoreResult;

use super::dialogs::Modal;
use super::text_field::TextField;
use super::words::in_import_dialog_words;
use super::{Action, App, Tone};

/// The dialog's state.
#[derive(Debug, Clone)]
pub struct ImportDialog {
    pub path: TextField,
    /// `--map` as the command line takes it; filled with what was found after a preview.
    pub mapping: TextField,
    /// The other options as `key=value` words: `date=DD/MM/YYYY decimal=, profile=mybank`.
    pub formats: TextField,
    /// Which field has the focus: 0 the path, 1 the mapping, 2 the formats.
    pub focus: usize,
    pub preview: Option<Preview>,
    /// Why the last preview or import failed.
    pub error: Option<String>,
}

/// The rows as they will be stored, and what they were read from.
#[derive(Debug, Clone)]
pub struct Preview {
    path: String,
    mapping: String,
    formats: String,
    /// How the file reads, in words.
    pub reading: Vec<String>,
    pub plan: Vec<Planned>,
}

impl Preview {
    pub fn counts(&self) -> Counts {
        Counts::of(&self.plan)
    }
}

impl Default for ImportDialog {
    fn default() -> Self {
        ImportDialog::new()
    }
}

impl ImportDialog {
    pub fn new() -> ImportDialog {
        let mut dialog = ImportDialog {
            path: TextField::new("File", ""),
            mapping: TextField::new("Columns", ""),
            formats: TextField::new("Formats", ""),
            focus: 0,
            preview: None,
            error: None,
        };
        dialog.focused().focus();
        dialog
    }

    pub fn focused(&mut self) -> &mut TextField {
        match self.focus {
            0 => &mut self.path,
            1 => &mut self.mapping,
            _ => &mut self.formats,
        }
    }

    /// Moves the focus `step` fields on, round the three.
    pub fn switch_field(&mut self, step: usize) {
        self.focus = (self.focus + step) % 3;
        self.focused().focus();
    }

    /// Whether the preview shows what the fields say now, so Enter imports it.
    pub fn preview_is_current(&self) -> bool {
        self.preview.as_ref().is_some_and(|p| {
            p.path == self.path.value().trim()
                && p.mapping == self.mapping.value().trim()
                && p.formats == self.formats.value().trim()
        })
    }

    /// Completes the path field from the directory it names; false when nothing completes.
    fn complete(&mut self) -> bool {
        match complete_path(self.path.value()) {
            Some(completed) if completed != self.path.value() => {
                self.path.set(&completed);
                true
            }
            _ => false,
        }
    }
}

/// `text` completed as far as the entries of its directory agree: a lone match in full
/// (a directory with its `/`), several to their common start.
pub fn complete_path(text: &str) -> Option<String> {
    let expanded = expand_home(text);
    let (dir, start) = match expanded.rfind('/') {
        Some(at) => (&expanded[..=at], &expanded[at + 1..]),
        None => ("", expanded.as_str()),
    };
    let listing = std::fs::read_dir(if dir.is_empty() { "." } else { dir }).ok()?;
    let mut matches: Vec<(String, bool)> = listing
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let hidden = name.starts_with('.') && !start.starts_with('.');
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            (name.starts_with(start) && !hidden).then_some((name, is_dir))
        })
        .collect();
    matches.sort();
    let completed = match matches.as_slice() {
        [] => return None,
        [(name, is_dir)] => format!("{name}{}", if *is_dir { "/" } else { "" }),
        [(first, _), rest @ ..] => rest.iter().fold(first.clone(), |common, (name, _)| {
            common
                .chars()
                .zip(name.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect()
        }),
    };
    Some(format!("{dir}{completed}"))
}

/// `~/x` as the home directory's `x`, as a shell would read it.
fn expand_home(text: &str) -> String {
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home)
            .join(rest)
            .to_string_lossy()
            .into_owned(),
        _ => text.to_string(),
    }
}

impl App {
    /// Handles an action for the import dialog and returns the dialog to show next.
    pub(super) fn import_dialog_action(
        &mut self,
        mut dialog: ImportDialog,
        action: Action,
    ) -> StoreResult<Option<Modal>> {
        match action {
            Action::Cancel => return Ok(None),
            Action::EditText(request) => dialog.focused().edit(request),
            Action::Paste(text) => dialog.focused().paste(&text),
            // Tab completes the path while it can, then moves on.
            Action::NextField if dialog.focus != 0 || !dialog.complete() => {
                dialog.switch_field(1);
            }
            Action::PreviousField => dialog.switch_field(2),
            Action::Submit if dialog.preview_is_current() => return self.commit_import(dialog),
            Action::Submit => self.preview_import(&mut dialog)?,
            _ => {}
        }
        Ok(Some(Modal::Import(Box::new(dialog))))
    }

    /// Reads the file and plans its rows; a file that cannot be read leaves its reason.
    fn preview_import(&mut self, dialog: &mut ImportDialog) -> StoreResult<()> {
        dialog.preview = None;
        dialog.error = None;
        let path = dialog.path.value().trim().to_string();
        if path.is_empty() {
            dialog.error = Some("Type the path of a bank statement (Tab completes it)".into());
            return Ok(());
        }
        let bytes = match std::fs::read(Path::new(&expand_home(&path))) {
            Ok(bytes) => bytes,
            Err(error) => {
                dialog.error = Some(format!("Cannot read {path}: {error}"));
                return Ok(());
            }
        };
        let mapping = dialog.mapping.value().trim().to_string();
        let formats = dialog.formats.value().trim().to_string();
        let settings = match self.dialog_settings(&mapping, &formats)? {
            Ok(settings) => settings,
            Err(reason) => {
                dialog.error = Some(in_import_dialog_words(&reason));
                return Ok(());
            }
        };
        let statement = match statement_options(&settings, false)
            .and_then(|options| read_statement(&bytes, &options, self.view.today))
        {
            Ok(statement) => statement,
            Err(error) => {
                dialog.error = Some(in_import_dialog_words(&error.to_string()));
                return Ok(());
            }
        };
        let mut plan = plan_statement(&self.store, &self.view.user, &statement, false)?;
        mark_known(&self.store, &self.view.user, &mut plan)?;
        for row in &mut plan {
            row.reason = row.reason.as_deref().map(in_import_dialog_words);
        }
        if mapping.is_empty() {
            dialog.mapping.set(&statement.reading.columns);
        }
        dialog.preview = Some(Preview {
            path,
            mapping: dialog.mapping.value().trim().to_string(),
            formats,
            // The columns found are in their own field already.
            reading: describe_reading(&statement.reading)
                .into_iter()
                .filter(|line| !line.starts_with("columns: "))
                .map(|line| in_import_dialog_words(&line))
                .collect(),
            plan,
        });
        Ok(())
    }

    /// The settings the fields give: a profile named in the formats, with the mapping and
    /// the other formats put over it; the reason when they cannot be read.
    fn dialog_settings(
        &self,
        mapping: &str,
        formats: &str,
    ) -> StoreResult<Result<ImportProfile, String>> {
        let (profile, given) = match parse_settings(formats) {
            Ok(parsed) => parsed,
            Err(error) => return Ok(Err(error.to_string())),
        };
        let given = ImportProfile {
            map: Some(mapping.to_string()).filter(|m| !m.is_empty()),
            ..given
        };
        let Some(name) = profile else {
            return Ok(Ok(given));
        };
        let Some(stored) = self.store.import_profile(self.view.user.id, &name)? else {
            return Ok(Err(format!(
                "No import profile {name:?}; save one with spend import FILE --save-profile {name}"
            )));
        };
        Ok(ImportProfile::from_json(&name, &stored)
            .map(|saved| saved.overridden_by(given))
            .map_err(|e| e.to_string()))
    }

    /// Imports the previewed rows, all or none; refuses while any row cannot be read.
    fn commit_import(&mut self, mut dialog: ImportDialog) -> StoreResult<Option<Modal>> {
        let Some(mut preview) = dialog.preview.take() else {
            return Ok(Some(Modal::Import(Box::new(dialog))));
        };
        if let Some(bad) = preview.plan.iter().find(|p| p.status == Status::Error) {
            let count = preview.counts().errors;
            dialog.error = Some(format!(
                "Nothing imported: {count} row(s) cannot be read, the first on line {}: {}",
                bad.line,
                printable(bad.reason.as_deref().unwrap_or_default())
            ));
            dialog.preview = Some(preview);
            return Ok(Some(Modal::Import(Box::new(dialog))));
        }
        let user = self.view.user.clone();
        match write_plan(&mut self.store, &user, &mut preview.plan, false) {
            Ok(outcome) => {
                let summary = preview.counts().summary("Imported");
                let latest = preview
                    .plan
                    .iter()
                    .filter(|p| p.status == Status::New)
                    .filter_map(|p| p.date)
                    .max();
                if let Some(date) = latest {
                    self.view.month = Month::of(date);
                }
                self.reload(None)?;
                match outcome.alerts.first() {
                    Some(alert) => {
                        let alert = self.view.alert_text(alert);
                        self.set_status(Tone::Alert, format!("{summary} · {alert}"));
                    }
                    None => self.set_status(Tone::Success, summary),
                }
                Ok(None)
            }
            Err(error) => {
                dialog.error = Some(error.to_string());
                dialog.preview = Some(preview);
                Ok(Some(Modal::Import(Box::new(dialog))))
            }
        }
    }
}
