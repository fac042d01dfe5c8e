-- Standing budgets: a category's budget for every month from `from_month` on, until a later
-- row changes it, or ends it with a NULL amount. A month's ordinary budget rows are made from
-- these when the month is first opened, so alerts, reports, the Power BI export and the
-- reference's queries go on reading one plain row per category and month.
CREATE TABLE standing_budgets (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    from_month  TEXT NOT NULL CHECK (from_month ~ '^[0-9]{4}-[01][0-9]$'),
    amount      NUMERIC CHECK (amount >= 0),
    rollover    BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (user_id, category_id, from_month)
);
CREATE INDEX standing_budgets_by_category ON standing_budgets (category_id);

-- standing: the row was made from a standing budget, or set for its month alone, as every
-- budget before this migration was. rollover: what is left of the month carries into the
-- next month's budget of the category.
ALTER TABLE budgets ADD COLUMN standing BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE budgets ADD COLUMN rollover BOOLEAN NOT NULL DEFAULT false;

-- The months whose rows were made from the standing budgets: a month is opened once, by
-- whichever process gets there first.
CREATE TABLE budget_months (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month   TEXT NOT NULL CHECK (month ~ '^[0-9]{4}-[01][0-9]$'),
    PRIMARY KEY (user_id, month)
);
