-- Expenses that post themselves: rent every month, a subscription every year. `next_due`
-- is the one date the catch-up locks, reads and moves on, so each due date is posted once
-- however many processes catch up at once; NULL once `until` has passed. `day` is the
-- weekday (1 Monday to 7 Sunday) of a weekly rule, else the day of the month. A rule goes
-- with its user or its category.
CREATE TABLE recurring (
    id          SERIAL PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    amount      NUMERIC NOT NULL CHECK (amount > 0 AND amount < 10000000000 AND scale(amount) <= 3),
    every       TEXT NOT NULL CHECK (every IN ('day', 'week', 'month', 'year')),
    day         INTEGER CHECK (day BETWEEN 1 AND 31),
    start_date  DATE NOT NULL,
    until       DATE,
    note        TEXT,
    next_due    DATE
);
CREATE INDEX recurring_user ON recurring (user_id);
CREATE INDEX recurring_next_due ON recurring (next_due) WHERE next_due IS NOT NULL;
