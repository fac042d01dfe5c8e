-- The reference design's five tables, with money as INTEGER minor units and dates as ISO text.
CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 150),
    email      TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 255),
    currency   TEXT NOT NULL DEFAULT 'INR' CHECK (length(currency) = 3),
    warn_percent INTEGER NOT NULL DEFAULT 80 CHECK (warn_percent BETWEEN 1 AND 100),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 100),
    description TEXT
);

CREATE TABLE budgets (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (user_id, category_id, year, month)
);

-- category_id is nullable so that ON DELETE SET NULL can work (the reference had NOT NULL too).
-- AUTOINCREMENT: an id is never reused, so an exported id or an undone delete stays unambiguous.
CREATE TABLE expenses (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    currency    TEXT NOT NULL DEFAULT 'INR' CHECK (length(currency) = 3),
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note        TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    budget_id  INTEGER REFERENCES budgets (id) ON DELETE SET NULL,
    expense_id INTEGER REFERENCES expenses (id) ON DELETE SET NULL,
    alert_type TEXT NOT NULL CHECK (alert_type IN ('BUDGET_EXCEEDED', 'BUDGET_WARNING')),
    message    TEXT NOT NULL,
    seen       INTEGER NOT NULL DEFAULT 0 CHECK (seen IN (0, 1)),
    fired_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Spending per user, category and month in the user's own currency, kept by the triggers
-- below, so that a budget check and a report read one row instead of scanning history.
-- category_key is the category id, or 0 for expenses whose category was deleted.
CREATE TABLE month_totals (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category_key INTEGER NOT NULL,
    month        TEXT NOT NULL,
    total        INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (user_id, month, category_key)
) WITHOUT ROWID;

CREATE INDEX expenses_by_user_date ON expenses (user_id, date, id);
CREATE INDEX expenses_by_category ON expenses (category_id);
CREATE INDEX budgets_by_category ON budgets (category_id);
CREATE INDEX alerts_by_user ON alerts (user_id, seen, id);
CREATE INDEX alerts_by_budget ON alerts (budget_id);
CREATE INDEX alerts_by_expense ON alerts (expense_id);

CREATE TRIGGER expenses_count_insert AFTER INSERT ON expenses
WHEN NEW.currency = (SELECT currency FROM users WHERE id = NEW.user_id)
BEGIN
    INSERT INTO month_totals (user_id, category_key, month, total, count)
    VALUES (NEW.user_id, coalesce(NEW.category_id, 0), substr(NEW.date, 1, 7), NEW.amount, 1)
    ON CONFLICT (user_id, month, category_key)
    DO UPDATE SET total = total + excluded.total, count = count + 1;
END;

CREATE TRIGGER expenses_count_delete AFTER DELETE ON expenses
WHEN OLD.currency = (SELECT currency FROM users WHERE id = OLD.user_id)
BEGIN
    UPDATE month_totals SET total = total - OLD.amount, count = count - 1
    WHERE user_id = OLD.user_id AND month = substr(OLD.date, 1, 7)
      AND category_key = coalesce(OLD.category_id, 0);
END;

CREATE TRIGGER expenses_count_update
AFTER UPDATE OF user_id, category_id, amount, currency, date ON expenses
BEGIN
    UPDATE month_totals SET total = total - OLD.amount, count = count - 1
    WHERE user_id = OLD.user_id AND month = substr(OLD.date, 1, 7)
      AND category_key = coalesce(OLD.category_id, 0)
      AND OLD.currency = (SELECT currency FROM users WHERE id = OLD.user_id);
    INSERT INTO month_totals (user_id, category_key, month, total, count)
    SELECT NEW.user_id, coalesce(NEW.category_id, 0), substr(NEW.date, 1, 7), NEW.amount, 1
    WHERE NEW.currency = (SELECT currency FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id, month, category_key)
    DO UPDATE SET total = total + excluded.total, count = count + 1;
END;
