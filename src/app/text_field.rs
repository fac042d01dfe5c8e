//! A labelled text field: a `tui_input::Input` with the error that belongs under it.

use tui_input::{Input, InputRequest};

/// One line of editable text in a dialog.
#[derive(Debug, Clone, Default)]
pub struct TextField {
    pub label: &'static str,
    pub input: Input,
    /// Why the current text was refused, shown under the field.
    pub error: Option<String>,
}

impl TextField {
    pub fn new(label: &'static str, value: impl Into<String>) -> TextField {
        TextField {
            label,
            input: Input::new(value.into()),
            error: None,
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// Applies an edit; editing clears the field's error.
    pub fn edit(&mut self, request: InputRequest) {
        if self
            .input
            .handle(request)
            .is_some_and(|changed| changed.value)
        {
            self.error = None;
        }
    }

    /// Inserts pasted text at the cursor, with line breaks turned into spaces.
    pub fn paste(&mut self, text: &str) {
        for c in text.chars() {
            let c = if c == '\n' || c == '\r' { ' ' } else { c };
            self.edit(InputRequest::InsertChar(c));
        }
    }

    /// Replaces the whole text, cursor at the end.
    pub fn set(&mut self, value: &str) {
        self.input = Input::new(value.to_string());
        self.error = None;
    }
}
