-- Carrying overspending: with rollover, a month's overspend is carried into the next month
-- as a debt only where a budget opts in; by default only what is left over carries.
ALTER TABLE standing_budgets ADD COLUMN carry_overspending BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE budgets ADD COLUMN carry_overspending BOOLEAN NOT NULL DEFAULT false;

-- A month's budget in effect is computed from the standing budgets and the month's own
-- budget, so no month needs to be marked as opened.
DROP TABLE budget_months;
