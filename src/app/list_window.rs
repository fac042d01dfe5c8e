//! The slice of the expense list held in memory: a window of rows around the selection,
//! reloaded from the store only when the selection nears its edge.

use crate::domain::Expense;
use crate::store::{ListQuery, Store, StoreResult};

/// The list's length and the rows loaded around the selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListWindow {
    /// Rows in the whole list.
    pub total: usize,
    /// More rows match than an all-history list holds.
    pub capped: bool,
    /// List index of `rows[0]`.
    pub start: usize,
    pub rows: Vec<Expense>,
}

/// Rows kept loaded on each side of the selection: a screenful, and some to scroll into.
fn margin(page_rows: usize) -> usize {
    page_rows.max(20) + 16
}

impl ListWindow {
    /// The row at a list index, if loaded.
    pub fn get(&self, index: usize) -> Option<&Expense> {
        index.checked_sub(self.start).and_then(|i| self.rows.get(i))
    }

    /// Whether every row within the margin of `index` is loaded (or the list ends first).
    fn covers_around(&self, index: usize, page_rows: usize) -> bool {
        let from = index.saturating_sub(margin(page_rows));
        let to = (index + margin(page_rows)).min(self.total);
        from >= self.start && to <= self.start + self.rows.len()
    }

    /// Counts the list and loads the rows around `index` (clamped to the list).
    pub fn load(
        store: &Store,
        query: &ListQuery<'_>,
        index: usize,
        page_rows: usize,
    ) -> StoreResult<ListWindow> {
        // A search of all history too short for the index shows no rows, only a hint.
        if query.needs_more_text() {
            return Ok(ListWindow::default());
        }
        let count = store.list_count(query)?;
        let total = count.rows;
        let mut window = ListWindow {
            total,
            capped: count.capped,
            ..ListWindow::default()
        };
        window.fill(store, query, index.min(total.saturating_sub(1)), page_rows)?;
        Ok(window)
    }

    /// Makes sure the rows around `index` are loaded, reading only when they are not.
    pub fn ensure(
        &mut self,
        store: &Store,
        query: &ListQuery<'_>,
        index: usize,
        page_rows: usize,
    ) -> StoreResult<()> {
        if self.covers_around(index, page_rows) || query.needs_more_text() {
            return Ok(());
        }
        self.fill(store, query, index, page_rows)
    }

    fn fill(
        &mut self,
        store: &Store,
        query: &ListQuery<'_>,
        index: usize,
        page_rows: usize,
    ) -> StoreResult<()> {
        // Twice the margin each side, so the next reload is a good way off.
        let reach = 2 * margin(page_rows);
        self.start = index.saturating_sub(reach);
        self.rows = store.list_window(query, self.start, 2 * reach + 1)?;
        Ok(())
    }
}
