//! Everything that can happen to the app, as data. Keys, mouse and timers become these.

use tui_input::InputRequest;

/// One thing the user (or the clock) asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave the app.
    Quit,
    /// Time passed: look for changes other processes made, expire the status line.
    Tick,
    /// Move the selection one row up.
    Up,
    /// Move the selection one row down.
    Down,
    /// Move the selection a page up.
    PageUp,
    /// Move the selection a page down.
    PageDown,
    /// Select the first row.
    Top,
    /// Select the last row.
    Bottom,
    /// Select this row of the expense list (a mouse click).
    SelectRow(usize),
    /// Show the month before.
    PreviousMonth,
    /// Show the month after.
    NextMonth,
    /// Show the current month.
    ThisMonth,
    /// Focus the next pane: the list, the alerts, the trends screen, round again.
    NextPane,
    /// Focus the previous pane.
    PreviousPane,
    /// Show the expenses screen.
    ShowExpenses,
    /// Show the trends screen.
    ShowTrends,
    /// Open the quick-add dialog.
    OpenAdd,
    /// Open the dialog on the selected expense.
    OpenEdit,
    /// Ask before deleting the selected expense.
    AskDelete,
    /// Undo the last add, edit or delete.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Start typing a filter for the month's list.
    StartFilter,
    /// Start typing a search of all history.
    StartSearch,
    /// Switch the filter between the month and all history.
    ToggleFilterScope,
    /// Set the budget of the selected row's category for the month shown.
    OpenBudget,
    /// In the budget dialog: every month from the one shown, or that month alone.
    ToggleBudgetSpan,
    /// In the budget dialog: carry what is left of a month into the next, or not.
    ToggleRollover,
    /// In the budget dialog: with rollover, carry an overspend into the next month, or not.
    ToggleCarryOverspending,
    /// Write the month shown as CSV.
    ExportMonth,
    /// Write every expense as CSV.
    ExportAll,
    /// Mark every alert seen.
    MarkAlertsSeen,
    /// Mark the selected alert seen.
    MarkAlertSeen,
    /// Select this alert of the alerts pane (a mouse click).
    SelectAlert(usize),
    /// Clear the terminal and draw everything again (handled by the runner).
    Redraw,
    /// The last frame showed this many list rows at once.
    Layout { list_rows: usize },
    /// Show the key help.
    OpenHelp,
    /// Choose another user.
    OpenUsers,
    /// List, add and delete categories.
    OpenCategories,
    /// Import a bank statement.
    OpenImport,
    /// Show only the month's rows without a category, or all rows again.
    ToggleReview,
    /// List, add and delete recurring expenses.
    OpenRecurring,
    /// Edit the focused text field.
    EditText(InputRequest),
    /// Insert pasted text into the focused field.
    Paste(String),
    /// Focus the next field (accepting a category completion on the way).
    NextField,
    /// Focus the previous field.
    PreviousField,
    /// Save the dialog, accept the filter, or pick the highlighted entry.
    Submit,
    /// Close the dialog or clear the filter.
    Cancel,
    /// Answer a yes/no question.
    Answer(bool),
    /// In the category list: start typing a new category.
    NewCategory,
    /// In the category list: ask before deleting the highlighted category.
    DeleteCategory,
    /// In the recurring list: start typing a new recurring expense.
    NewRecurring,
    /// In the recurring list: ask before deleting the highlighted one.
    DeleteRecurring,
}
