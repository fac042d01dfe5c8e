-- The reference design's five tables with its names and types, so its queries and a
-- reporting tool read them as they are: SERIAL ids, DATE dates, NUMERIC amounts in currency
-- units. Amounts are NUMERIC without a fixed scale, so each keeps exactly its currency's
-- decimals (5200.00 INR, 500 JPY, 1.250 KWD); CHECKs hold them to what spend writes.
-- Additions: a seen flag, the alert's figures, a warning threshold, month totals, settings.

CREATE TABLE users (
    id           SERIAL PRIMARY KEY,
    name         VARCHAR(150) NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 150),
    email        VARCHAR(255) UNIQUE NOT NULL,
    currency     VARCHAR(8) NOT NULL DEFAULT 'INR' CHECK (length(currency) = 3),
    created_at   TIMESTAMP DEFAULT now(),
    warn_percent INTEGER NOT NULL DEFAULT 80 CHECK (warn_percent BETWEEN 1 AND 100)
);
CREATE UNIQUE INDEX users_email_any_case ON users (lower(email));

CREATE TABLE categories (
    id          SERIAL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    description TEXT
);
CREATE UNIQUE INDEX categories_name_any_case ON categories (lower(name));

CREATE TABLE budgets (
    id          SERIAL PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),
    amount      NUMERIC NOT NULL CHECK (amount >= 0 AND amount < 10000000000 AND scale(amount) <= 3),
    created_at  TIMESTAMP DEFAULT now(),
    UNIQUE (user_id, category_id, month, year)
);

-- category_id is nullable so that ON DELETE SET NULL can work (the reference had NOT NULL).
CREATE TABLE expenses (
    id          SERIAL PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    amount      NUMERIC NOT NULL CHECK (amount >= 0 AND amount < 10000000000 AND scale(amount) <= 3),
    currency    VARCHAR(8) NOT NULL DEFAULT 'INR' CHECK (length(currency) = 3),
    date        DATE NOT NULL CHECK (date BETWEEN '0001-01-01' AND '9999-12-31'),
    note        TEXT,
    created_at  TIMESTAMP DEFAULT now()
);

CREATE TABLE alerts (
    id         SERIAL PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    budget_id  INTEGER REFERENCES budgets (id) ON DELETE SET NULL,
    alert_type VARCHAR(50) NOT NULL CHECK (alert_type IN ('BUDGET_EXCEEDED', 'BUDGET_WARNING')),
    message    TEXT NOT NULL,
    fired_at   TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    expense_id INTEGER REFERENCES expenses (id) ON DELETE SET NULL,
    seen       BOOLEAN NOT NULL DEFAULT false,
    category   TEXT,
    month      CHAR(7),
    spent      NUMERIC,
    budget     NUMERIC,
    currency   VARCHAR(8)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Spending per user, category and month (YYYY-MM) in the user's own currency, kept by the
-- triggers below, so a budget check and a report read one row instead of history. A
-- writer holds its bucket's row (SELECT ... FOR UPDATE) for the budget check, so two
-- writers of one bucket check one after the other; other buckets never wait.
-- category_key is the category id, or 0 for expenses whose category was deleted.
CREATE TABLE month_totals (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category_key INTEGER NOT NULL,
    month        CHAR(7) NOT NULL,
    total        NUMERIC NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (user_id, month, category_key)
);

CREATE INDEX expenses_by_user_date ON expenses (user_id, date, id);
CREATE INDEX expenses_by_category ON expenses (category_id);
CREATE INDEX budgets_by_category ON budgets (category_id);
CREATE INDEX budgets_by_user_month ON budgets (user_id, year, month);
CREATE INDEX alerts_by_user ON alerts (user_id, seen, id);
CREATE INDEX alerts_by_user_newest ON alerts (user_id, id);
CREATE INDEX alerts_by_budget ON alerts (budget_id);
CREATE INDEX alerts_by_expense ON alerts (expense_id);

-- Searching all of a user's history: trigrams of the note, lowered in the C collation so
-- that, as on SQLite, only ASCII letters fold. A search re-checks every row with LIKE.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX expenses_note_trigrams ON expenses USING gin (lower(note COLLATE "C") gin_trgm_ops);

-- The totals move once per statement, by what the statement's rows add up to per bucket:
-- a COPY of many rows costs one grouped upsert, not one trigger call per row. An expense
-- counts in month_totals only in its user's own currency. Each statement names one user,
-- so that every one stays on that user's shard where the tables are distributed by user.
CREATE FUNCTION spend_month_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    each_user integer;
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        FOR each_user IN SELECT DISTINCT user_id FROM old_rows LOOP
            UPDATE month_totals m SET total = m.total - o.total, count = m.count - o.count
            FROM (SELECT coalesce(r.category_id, 0) AS category_key,
                         to_char(r.date, 'YYYY-MM') AS month, sum(r.amount) AS total,
                         count(*) AS count
                  FROM old_rows r JOIN users u ON u.id = each_user AND u.currency = r.currency
                  WHERE r.user_id = each_user
                  GROUP BY 1, 2) o
            WHERE m.user_id = each_user AND m.month = o.month
              AND m.category_key = o.category_key;
        END LOOP;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        FOR each_user IN SELECT DISTINCT user_id FROM new_rows LOOP
            INSERT INTO month_totals (user_id, category_key, month, total, count)
            SELECT each_user, coalesce(r.category_id, 0), to_char(r.date, 'YYYY-MM'),
                   sum(r.amount), count(*)
            FROM new_rows r JOIN users u ON u.id = each_user AND u.currency = r.currency
            WHERE r.user_id = each_user
            GROUP BY 2, 3
            ON CONFLICT (user_id, month, category_key)
            DO UPDATE SET total = month_totals.total + excluded.total,
                          count = month_totals.count + excluded.count;
        END LOOP;
    END IF;
    RETURN NULL;
END;
$$;

-- A trigger with transition tables has one event each.
CREATE TRIGGER expenses_month_totals_insert AFTER INSERT ON expenses
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION spend_month_totals();

CREATE TRIGGER expenses_month_totals_update AFTER UPDATE ON expenses
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION spend_month_totals();

CREATE TRIGGER expenses_month_totals_delete AFTER DELETE ON expenses
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION spend_month_totals();
