//! The slice of the expense list held in memory: a window of rows around the selection,
//! reloaded from the store only when the selection nears its edge.

use crate::store::{Expense, ListQuery, Store, StoreResult};

/// Rows held at once; far more than any screen shows.
const WINDOW_ROWS: usize = 240;
/// How close the selection may come to the window's edge before it is reloaded.
const MARGIN: usize = 80;

/// The list's length and the rows loaded around the selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListWindow {
    /// Rows in the whole list.
    pub total: usize,
    /// List index of `rows[0]`.
    pub start: usize,
    pub rows: Vec<Expense>,
}

impl ListWindow {
    /// The row at a list index, if loaded.
    pub fn get(&self, index: usize) -> Option<&Expense> {
        index.checked_sub(self.start).and_then(|i| self.rows.get(i))
    }

    /// Whether every row within `MARGIN` of `index` is loaded (or the list ends first).
    fn covers_around(&self, index: usize) -> bool {
        let from = index.saturating_sub(MARGIN);
        let to = (index + MARGIN).min(self.total);
        from >= self.start && to <= self.start + self.rows.len()
    }

    /// Counts the list and loads the window around `index` (clamped to the list).
    pub fn load(store: &Store, query: &ListQuery<'_>, index: usize) -> StoreResult<ListWindow> {
        let total = store.list_count(query)?;
        let mut window = ListWindow {
            total,
            ..ListWindow::default()
        };
        window.fill(store, query, index.min(total.saturating_sub(1)))?;
        Ok(window)
    }

    /// Makes sure the rows around `index` are loaded, reading only when they are not.
    pub fn ensure(
        &mut self,
        store: &Store,
        query: &ListQuery<'_>,
        index: usize,
    ) -> StoreResult<()> {
        if self.covers_around(index) {
            return Ok(());
        }
        self.fill(store, query, index)
    }

    fn fill(&mut self, store: &Store, query: &ListQuery<'_>, index: usize) -> StoreResult<()> {
        self.start = index.saturating_sub(WINDOW_ROWS / 2);
        self.rows = store.list_window(query, self.start, WINDOW_ROWS)?;
        Ok(())
    }
}
