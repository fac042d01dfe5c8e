//! Undo and redo, several levels deep. Each step is replayed through the store in one
//! transaction with its own budget check; a step whose row was changed elsewhere since is
//! refused rather than overwriting that change.

use crate::domain::{Alert, AlertId, BudgetPlan, Category, Expense, Month, Outcome, UserId};
use crate::store::{BudgetSwap, ExpenseSwap, RemovedCategory, Store, StoreResult};

/// Most steps kept; older ones are forgotten.
const DEPTH: usize = 100;

/// A change that can be taken back, described in its forward direction.
// At most DEPTH steps are kept, so the larger expense variant costs a few kilobytes at most;
// boxing it would only add an allocation per step.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// An expense added (`before` is `None`), edited, or deleted (`after` is `None`).
    Expense {
        before: Option<Expense>,
        after: Option<Expense>,
        /// The category the add created, removed again on undo if nothing else uses it.
        created_category: Option<Category>,
    },
    /// A category deleted, with what went with it.
    CategoryRemoved(RemovedCategory),
    /// A category's budgets set, ended or dropped: its recorded budgets before and after.
    Budget {
        category: Category,
        before: BudgetPlan,
        after: BudgetPlan,
    },
}

impl Change {
    /// An expense just added, perhaps in a category made for it.
    pub fn added(expense: Expense, created_category: Option<Category>) -> Change {
        Change::Expense {
            before: None,
            after: Some(expense),
            created_category,
        }
    }

    pub fn edited(before: Expense, after: Expense) -> Change {
        Change::Expense {
            before: Some(before),
            after: Some(after),
            created_category: None,
        }
    }

    pub fn deleted(expense: Expense) -> Change {
        Change::Expense {
            before: Some(expense),
            after: None,
            created_category: None,
        }
    }

    /// A few words for the status line: `add of #7`, `delete of category Food`.
    pub fn describe(&self) -> String {
        match self {
            Change::Expense {
                before: None,
                after: Some(e),
                ..
            } => format!("add of #{}", e.id),
            Change::Expense {
                before: Some(e),
                after: Some(_),
                ..
            } => format!("edit of #{}", e.id),
            Change::Expense {
                before: Some(e), ..
            } => format!("delete of #{}", e.id),
            Change::Expense { .. } => "change".to_string(),
            Change::CategoryRemoved(removed) => {
                format!(
                    "delete of category {}",
                    crate::domain::printable(&removed.category.name)
                )
            }
            Change::Budget { category, .. } => {
                format!(
                    "budget change of {}",
                    crate::domain::printable(&category.name)
                )
            }
        }
    }
}

/// Which way a step is replayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

/// A change and the alerts its last replay fired, which the next replay withdraws.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    change: Change,
    fired: Vec<AlertId>,
}

/// What a replayed step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    pub change: Change,
    /// The expense written, when the step was about one.
    pub outcome: Option<Outcome>,
    /// The alerts the replay fired.
    pub alerts: Vec<Alert>,
}

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Remembers a change just made and the alerts it fired; a new change forgets what was
    /// undone.
    pub fn record(&mut self, change: Change, fired: &[crate::domain::Alert]) {
        self.redo.clear();
        self.undo.push(Step {
            change,
            fired: fired.iter().map(|alert| alert.id).collect(),
        });
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
    }

    /// Replays the newest step of one stack onto the other. `Ok(None)` when there is none.
    /// A refused step is dropped, with its error, so the one before it can still be undone.
    pub fn replay(
        &mut self,
        store: &mut Store,
        (user, current): (UserId, Month),
        direction: Direction,
    ) -> StoreResult<Option<Replayed>> {
        let (from, to) = match direction {
            Direction::Undo => (&mut self.undo, &mut self.redo),
            Direction::Redo => (&mut self.redo, &mut self.undo),
        };
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        let (change, outcome, alerts) = apply(store, (user, current), &step, direction)?;
        to.push(Step {
            change: change.clone(),
            fired: alerts.iter().map(|a| a.id).collect(),
        });
        Ok(Some(Replayed {
            change,
            outcome,
            alerts,
        }))
    }
}

/// Makes a step happen in the store in `direction`; returns the change as it now stands,
/// the expense written if any, and the alerts fired.
fn apply(
    store: &mut Store,
    (user, current): (UserId, Month),
    step: &Step,
    direction: Direction,
) -> StoreResult<(Change, Option<Outcome>, Vec<Alert>)> {
    match &step.change {
        Change::Expense {
            before,
            after,
            created_category,
        } => {
            let forward = direction == Direction::Redo;
            let (expect, want) = if forward {
                (before.as_ref(), after.as_ref())
            } else {
                (after.as_ref(), before.as_ref())
            };
            let swap = ExpenseSwap {
                user,
                expect,
                want,
                retract: &step.fired,
                ensure_category: created_category.as_ref().filter(|_| forward),
                drop_category: created_category.as_ref().filter(|_| !forward).map(|c| c.id),
            };
            let outcome = store.swap_expense(&swap)?;
            let alerts = outcome.alerts.clone();
            Ok((step.change.clone(), Some(outcome), alerts))
        }
        Change::CategoryRemoved(removed) => match direction {
            Direction::Undo => {
                store.restore_category(removed)?;
                Ok((step.change.clone(), None, Vec::new()))
            }
            // The category may hold other rows by now; what goes is recorded afresh.
            Direction::Redo => {
                let again = store.remove_category(removed.category.id)?;
                Ok((Change::CategoryRemoved(again), None, Vec::new()))
            }
        },
        Change::Budget {
            category,
            before,
            after,
        } => {
            let plans = match direction {
                Direction::Undo => (after, before),
                Direction::Redo => (before, after),
            };
            let alerts = swap_budgets(store, (user, current), category, plans, &step.fired)?;
            Ok((step.change.clone(), None, alerts))
        }
    }
}

/// Moves a category's budgets from the plan `expect` to `want`, withdrawing the alerts the
/// step's last replay fired.
fn swap_budgets(
    store: &mut Store,
    (user, current): (UserId, Month),
    category: &Category,
    (expect, want): (&BudgetPlan, &BudgetPlan),
    retract: &[AlertId],
) -> StoreResult<Vec<Alert>> {
    store.swap_budget(&BudgetSwap {
        user,
        category: category.id,
        expect,
        want,
        retract,
        current,
    })
}
