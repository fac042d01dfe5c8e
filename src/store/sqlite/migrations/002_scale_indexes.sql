-- Indexes for long histories, so that every query on a hot path reads an index range
-- whose size follows what is shown, never all of a user's history.

-- A month's budgets by user, year and month: the unique (user, category, year, month)
-- index would read every budget the user ever set.
CREATE INDEX budgets_by_user_month ON budgets (user_id, year, month);

-- A user's newest alerts in order, so reading the latest few stops after a few rows
-- instead of sorting all of them.
CREATE INDEX alerts_by_user_newest ON alerts (user_id, id);
