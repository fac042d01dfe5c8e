//! A labelled text field: a `tui_input::Input` with the error that belongs under it.

use tui_input::{Input, InputRequest};

/// One line of editable text in a dialog.
#[derive(Debug, Clone, Default)]
pub struct TextField {
    pub label: &'static str,
    pub input: Input,
    /// Why the current text was refused, shown under the field.
    pub error: Option<String>,
    /// Set when the field gains focus holding a value filled in for the user: the first
    /// typed character replaces the whole text, like a selected field in a form; moving the
    /// cursor keeps the text instead.
    pub replace_on_type: bool,
    /// The value was filled in, not typed; it stops being so at the first edit.
    pub prefilled: bool,
}

impl TextField {
    pub fn new(label: &'static str, value: impl Into<String>) -> TextField {
        TextField {
            label,
            input: Input::new(value.into()),
            error: None,
            replace_on_type: false,
            prefilled: true,
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// Applies an edit; editing clears the field's error.
    pub fn edit(&mut self, request: InputRequest) {
        let replacing = std::mem::take(&mut self.replace_on_type);
        if replacing && matches!(request, InputRequest::InsertChar(_)) {
            self.input.reset();
        }
        if self
            .input
            .handle(request)
            .is_some_and(|changed| changed.value)
        {
            self.error = None;
            self.prefilled = false;
        }
    }

    /// Inserts pasted text at the cursor, with line breaks turned into spaces.
    pub fn paste(&mut self, text: &str) {
        if std::mem::take(&mut self.replace_on_type) {
            self.input.reset();
        }
        self.prefilled = false;
        for c in text.chars() {
            let c = if c == '\n' || c == '\r' { ' ' } else { c };
            self.edit(InputRequest::InsertChar(c));
        }
    }

    /// Replaces the whole text, cursor at the end, as if the user had typed it.
    pub fn set(&mut self, value: &str) {
        self.input = Input::new(value.to_string());
        self.error = None;
        self.replace_on_type = false;
        self.prefilled = false;
    }

    /// Called when the field gains focus: a value filled in for the user is replaced by
    /// typing; one the user typed is kept and typing adds to it.
    pub fn focus(&mut self) {
        self.replace_on_type = self.prefilled && !self.value().is_empty();
    }
}
