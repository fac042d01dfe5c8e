-- Expenses that post themselves: rent every month, a subscription every year. `next_due`
-- is the one date the catch-up reads and moves on, under the write lock, so each due date
-- is posted once; NULL once `until` has passed. Amounts are minor units of the user's
-- currency; `day` is the weekday (1 Monday to 7 Sunday) of a weekly rule, else the day of
-- the month. A rule goes with its user or its category.
CREATE TABLE recurring (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    every       TEXT NOT NULL CHECK (every IN ('day', 'week', 'month', 'year')),
    day         INTEGER CHECK (day BETWEEN 1 AND 31),
    start_date  TEXT NOT NULL,
    until       TEXT,
    note        TEXT,
    next_due    TEXT
);
CREATE INDEX recurring_user ON recurring (user_id);
CREATE INDEX recurring_next_due ON recurring (next_due) WHERE next_due IS NOT NULL;
