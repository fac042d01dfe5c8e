//! The catalog rules' rows on PostgreSQL, and the store's catalog changes by those rules.

use crate::domain::{Category, CategoryId, Currency, ExpenseId, Month, User, UserId};
use crate::store::rules::{self, LedgerTx, MaintenanceTx};
use crate::store::{
    CategoryUsage, MergeOutcome, RemovedCategory, StoreResult, StoredBudget, UserDeleted,
};

use super::PgStore;
use super::db::Db;
use super::rows::money;

/// A count as the domain holds it.
fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

impl<D: Db> MaintenanceTx for D {
    fn rename_category_row(&self, id: CategoryId, name: &str) -> StoreResult<()> {
        self.exec(
            "UPDATE categories SET name = $2 WHERE id = $1",
            &[&id, &name],
        )?;
        Ok(())
    }

    fn category_usage(&self, id: CategoryId) -> StoreResult<CategoryUsage> {
        let row = self.one(
            "SELECT (SELECT count(*) FROM expenses WHERE category_id = $1),
                    (SELECT count(*) FROM budgets WHERE category_id = $1)",
            &[&id],
        )?;
        Ok(CategoryUsage {
            expenses: count(row.try_get(0)?),
            budgets: count(row.try_get(1)?),
        })
    }

    fn recurring_in_category(&self, id: CategoryId) -> StoreResult<u64> {
        let row = self.one(
            "SELECT count(*) FROM recurring WHERE category_id = $1",
            &[&id],
        )?;
        Ok(count(row.try_get(0)?))
    }

    fn delete_category_row(&self, id: CategoryId) -> StoreResult<bool> {
        Ok(self.exec("DELETE FROM categories WHERE id = $1", &[&id])? > 0)
    }

    fn category_users(&self, id: CategoryId) -> StoreResult<Vec<UserId>> {
        self.rows(
            "SELECT user_id FROM month_totals WHERE category_key = $1 AND count > 0
             UNION SELECT user_id FROM budgets WHERE category_id = $1
             UNION SELECT user_id FROM standing_budgets WHERE category_id = $1
             ORDER BY 1",
            &[&id],
        )?
        .iter()
        .map(|row| Ok(row.try_get(0)?))
        .collect()
    }

    fn repoint_alerts(&self, from: CategoryId, into: CategoryId) -> StoreResult<()> {
        self.exec(
            "UPDATE alerts a SET budget_id = kept.id
             FROM budgets gone
             LEFT JOIN budgets kept ON kept.user_id = gone.user_id AND kept.year = gone.year
                                   AND kept.month = gone.month AND kept.category_id = $2
             WHERE gone.id = a.budget_id AND gone.category_id = $1",
            &[&from, &into],
        )?;
        Ok(())
    }

    fn recategorize_expenses(&self, from: CategoryId, into: CategoryId) -> StoreResult<u64> {
        self.exec(
            "UPDATE expenses SET category_id = $2 WHERE category_id = $1",
            &[&from, &into],
        )
    }

    fn move_rules(&self, from: CategoryId, into: CategoryId) -> StoreResult<()> {
        self.exec(
            "UPDATE category_rules SET category_id = $2 WHERE category_id = $1",
            &[&from, &into],
        )?;
        self.exec(
            "UPDATE recurring SET category_id = $2 WHERE category_id = $1",
            &[&from, &into],
        )?;
        Ok(())
    }

    fn forget_empty_totals(&self, category: CategoryId) -> StoreResult<()> {
        self.exec(
            "DELETE FROM month_totals WHERE category_key = $1 AND count = 0",
            &[&category],
        )?;
        Ok(())
    }

    fn category_budgets(&self, id: CategoryId) -> StoreResult<Vec<StoredBudget>> {
        let rows = self.rows(
            "SELECT b.id, b.user_id, b.year, b.month, b.amount, u.currency, b.standing,
                    b.rollover, b.carry_overspending
             FROM budgets b JOIN users u ON u.id = b.user_id
             WHERE b.category_id = $1 ORDER BY b.id",
            &[&id],
        )?;
        rows.iter()
            .map(|row| {
                let currency = Currency::from_stored(row.try_get(5)?).unwrap_or_default();
                let month: i32 = row.try_get(3)?;
                Ok(StoredBudget {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    year: row.try_get(2)?,
                    month: u32::try_from(month).unwrap_or(1),
                    minor: currency.to_minor(money(currency, row.try_get(4)?)?)?,
                    standing: row.try_get(6)?,
                    rollover: row.try_get(7)?,
                    carry_overspending: row.try_get(8)?,
                })
            })
            .collect()
    }

    fn category_expense_ids(&self, id: CategoryId) -> StoreResult<Vec<ExpenseId>> {
        self.rows(
            "SELECT id FROM expenses WHERE category_id = $1 ORDER BY id",
            &[&id],
        )?
        .iter()
        .map(|row| Ok(row.try_get(0)?))
        .collect()
    }

    fn insert_budget_row(&self, row: &StoredBudget, category: CategoryId) -> StoreResult<()> {
        let currency = self.user(row.user_id)?.currency;
        let month = i32::try_from(row.month).unwrap_or(1);
        self.exec(
            "INSERT INTO budgets (id, user_id, category_id, year, month, amount, standing, rollover,
                                  carry_overspending)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT DO NOTHING",
            &[
                &row.id,
                &row.user_id,
                &category,
                &row.year,
                &month,
                &currency.from_minor(row.minor),
                &row.standing,
                &row.rollover,
                &row.carry_overspending,
            ],
        )?;
        Ok(())
    }

    fn set_category_if_none(&self, expense: ExpenseId, category: CategoryId) -> StoreResult<()> {
        self.exec(
            "UPDATE expenses SET category_id = $1 WHERE id = $2 AND category_id IS NULL",
            &[&category, &expense],
        )?;
        Ok(())
    }

    fn update_user(&self, id: UserId, name: &str, email: &str) -> StoreResult<()> {
        self.exec(
            "UPDATE users SET name = $2, email = $3 WHERE id = $1",
            &[&id, &name, &email],
        )?;
        Ok(())
    }

    fn other_user_count(&self, id: UserId) -> StoreResult<i64> {
        Ok(self
            .one("SELECT count(*) FROM users WHERE id <> $1", &[&id])?
            .try_get(0)?)
    }

    fn user_expense_count(&self, id: UserId) -> StoreResult<u64> {
        Ok(count(
            self.one("SELECT count(*) FROM expenses WHERE user_id = $1", &[&id])?
                .try_get(0)?,
        ))
    }

    fn delete_user_row(&self, id: UserId) -> StoreResult<()> {
        self.exec("DELETE FROM users WHERE id = $1", &[&id])?;
        Ok(())
    }

    fn oldest_user(&self) -> StoreResult<UserId> {
        Ok(self.one("SELECT min(id) FROM users", &[])?.try_get(0)?)
    }
}

impl PgStore {
    /// Gives a category a new name; a name another category has (in any case) is refused.
    pub fn rename_category(&mut self, id: CategoryId, name: &str) -> StoreResult<Category> {
        self.write(|tx| rules::rename_category(tx, id, name))
    }

    /// How many expenses and budgets, of all users, a category holds.
    pub fn category_usage(&self, id: CategoryId) -> StoreResult<CategoryUsage> {
        self.category_name(id)?;
        MaintenanceTx::category_usage(self, id)
    }

    /// Moves every expense and budget of `from` into `into` and deletes `from`.
    pub fn merge_categories(
        &mut self,
        from: CategoryId,
        into: CategoryId,
        current: Month,
    ) -> StoreResult<MergeOutcome> {
        self.write(|tx| rules::merge_categories(tx, from, into, current))
    }

    /// Deletes a category that holds no expense and no budget.
    pub fn delete_unused_category(&mut self, id: CategoryId) -> StoreResult<()> {
        self.write(|tx| rules::delete_unused_category(tx, id))
    }

    /// Deletes a category, returning what went with it so it can be restored.
    pub fn remove_category(&mut self, id: CategoryId) -> StoreResult<RemovedCategory> {
        self.write(|tx| rules::remove_category(tx, id))
    }

    /// Undoes a removal; refused if the name was taken again meanwhile.
    pub fn restore_category(&mut self, removed: &RemovedCategory) -> StoreResult<()> {
        self.write(|tx| rules::restore_category(tx, removed))
    }

    /// Gives a user a new name and, if `email` is given, a new email address.
    pub fn rename_user(
        &mut self,
        id: UserId,
        name: &str,
        email: Option<&str>,
    ) -> StoreResult<User> {
        self.write(|tx| rules::rename_user(tx, id, name, email))
    }

    /// How many expenses a user has recorded.
    pub fn user_expense_count(&self, id: UserId) -> StoreResult<u64> {
        MaintenanceTx::user_expense_count(self, id)
    }

    /// Deletes a user with their budgets and alerts.
    pub fn delete_user(&mut self, id: UserId, with_expenses: bool) -> StoreResult<UserDeleted> {
        self.write(|tx| rules::delete_user(tx, id, with_expenses))
    }
}
