//! The catalog rules' rows on `SQLite`.

use rusqlite::{Transaction, params};

use crate::domain::{CategoryId, ExpenseId, UserId};
use crate::store::rules::MaintenanceTx;
use crate::store::{CategoryUsage, StoreResult, StoredBudget};

impl MaintenanceTx for Transaction<'_> {
    fn rename_category_row(&self, id: CategoryId, name: &str) -> StoreResult<()> {
        self.execute(
            "UPDATE categories SET name = ?2 WHERE id = ?1",
            params![id, name],
        )?;
        Ok(())
    }

    fn category_usage(&self, id: CategoryId) -> StoreResult<CategoryUsage> {
        Ok(self.query_row(
            "SELECT (SELECT count(*) FROM expenses WHERE category_id = ?1),
                    (SELECT count(*) FROM budgets WHERE category_id = ?1)",
            [id],
            |row| {
                Ok(CategoryUsage {
                    expenses: row.get(0)?,
                    budgets: row.get(1)?,
                })
            },
        )?)
    }

    fn recurring_in_category(&self, id: CategoryId) -> StoreResult<u64> {
        Ok(self.query_row(
            "SELECT count(*) FROM recurring WHERE category_id = ?1",
            [id],
            |row| row.get(0),
        )?)
    }

    fn delete_category_row(&self, id: CategoryId) -> StoreResult<bool> {
        Ok(self.execute("DELETE FROM categories WHERE id = ?1", [id])? > 0)
    }

    fn category_users(&self, id: CategoryId) -> StoreResult<Vec<UserId>> {
        let mut statement = self.prepare(
            "SELECT user_id FROM month_totals WHERE category_key = ?1 AND count > 0
             UNION SELECT user_id FROM budgets WHERE category_id = ?1
             UNION SELECT user_id FROM standing_budgets WHERE category_id = ?1
             ORDER BY 1",
        )?;
        let users = statement
            .query_map([id], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(users)
    }

    fn repoint_alerts(&self, from: CategoryId, into: CategoryId) -> StoreResult<()> {
        self.execute(
            "UPDATE alerts SET budget_id = (
                 SELECT kept.id FROM budgets gone
                 JOIN budgets kept ON kept.user_id = gone.user_id AND kept.year = gone.year
                                  AND kept.month = gone.month AND kept.category_id = ?2
                 WHERE gone.id = alerts.budget_id)
             WHERE budget_id IN (SELECT id FROM budgets WHERE category_id = ?1)",
            params![from, into],
        )?;
        Ok(())
    }

    fn recategorize_expenses(&self, from: CategoryId, into: CategoryId) -> StoreResult<u64> {
        let moved = self.execute(
            "UPDATE expenses SET category_id = ?2 WHERE category_id = ?1",
            params![from, into],
        )?;
        Ok(u64::try_from(moved).unwrap_or(0))
    }

    fn move_rules(&self, from: CategoryId, into: CategoryId) -> StoreResult<()> {
        self.execute(
            "UPDATE category_rules SET category_id = ?2 WHERE category_id = ?1",
            params![from, into],
        )?;
        self.execute(
            "UPDATE recurring SET category_id = ?2 WHERE category_id = ?1",
            params![from, into],
        )?;
        Ok(())
    }

    fn forget_empty_totals(&self, category: CategoryId) -> StoreResult<()> {
        self.execute(
            "DELETE FROM month_totals WHERE category_key = ?1 AND count = 0",
            [category],
        )?;
        Ok(())
    }

    fn category_budgets(&self, id: CategoryId) -> StoreResult<Vec<StoredBudget>> {
        let budgets = self
            .prepare_cached(
                "SELECT id, user_id, year, month, amount, standing, rollover, carry_overspending
                 FROM budgets WHERE category_id = ?1 ORDER BY id",
            )?
            .query_map([id], |row| {
                Ok(StoredBudget {
                    id: row.get(0)?,
                    user_id: row.get(1)?,
                    year: row.get(2)?,
                    month: row.get(3)?,
                    minor: row.get(4)?,
                    standing: row.get(5)?,
                    rollover: row.get(6)?,
                    carry_overspending: row.get(7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(budgets)
    }

    fn category_expense_ids(&self, id: CategoryId) -> StoreResult<Vec<ExpenseId>> {
        let ids = self
            .prepare_cached("SELECT id FROM expenses WHERE category_id = ?1 ORDER BY id")?
            .query_map([id], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    fn insert_budget_row(&self, row: &StoredBudget, category: CategoryId) -> StoreResult<()> {
        self.prepare_cached(
            "INSERT INTO budgets (id, user_id, category_id, year, month, amount, standing, rollover,
                                  carry_overspending)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            row.id,
            row.user_id,
            category,
            row.year,
            row.month,
            row.minor,
            row.standing,
            row.rollover,
            row.carry_overspending
        ])?;
        Ok(())
    }

    fn set_category_if_none(&self, expense: ExpenseId, category: CategoryId) -> StoreResult<()> {
        self.prepare_cached(
            "UPDATE expenses SET category_id = ?1 WHERE id = ?2 AND category_id IS NULL",
        )?
        .execute(params![category, expense])?;
        Ok(())
    }

    fn update_user(&self, id: UserId, name: &str, email: &str) -> StoreResult<()> {
        self.execute(
            "UPDATE users SET name = ?2, email = ?3 WHERE id = ?1",
            params![id, name, email],
        )?;
        Ok(())
    }

    fn other_user_count(&self, id: UserId) -> StoreResult<i64> {
        Ok(
            self.query_row("SELECT count(*) FROM users WHERE id != ?1", [id], |row| {
                row.get(0)
            })?,
        )
    }

    fn user_expense_count(&self, id: UserId) -> StoreResult<u64> {
        Ok(self.query_row(
            "SELECT count(*) FROM expenses WHERE user_id = ?1",
            [id],
            |row| row.get(0),
        )?)
    }

    fn delete_user_row(&self, id: UserId) -> StoreResult<()> {
        self.execute("DELETE FROM users WHERE id = ?1", [id])?;
        Ok(())
    }

    fn oldest_user(&self) -> StoreResult<UserId> {
        Ok(self.query_row("SELECT min(id) FROM users", [], |row| row.get(0))?)
    }
}
