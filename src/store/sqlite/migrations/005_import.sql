-- Bank-statement import: what each user has imported, so importing the same rows again
-- adds nothing; the rules that categorise imported rows; and each bank's saved settings.

-- One row per imported expense: the bank's id for it, or a hash of its date, amount,
-- description and occurrence in its file. Deleting the expense forgets it was imported.
CREATE TABLE import_fingerprints (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL CHECK (length(fingerprint) BETWEEN 1 AND 300),
    expense_id  INTEGER NOT NULL REFERENCES expenses (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, fingerprint)
) WITHOUT ROWID;
CREATE INDEX import_fingerprints_by_expense ON import_fingerprints (expense_id);

-- Applied in id order; the first whose pattern matches a description gives its category.
CREATE TABLE category_rules (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    pattern     TEXT NOT NULL CHECK (length(pattern) BETWEEN 1 AND 1000),
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX category_rules_by_user ON category_rules (user_id, id);
CREATE INDEX category_rules_by_category ON category_rules (category_id);

-- A bank's mapping and formats under a name: settings is JSON, so a new import option needs
-- no migration.
CREATE TABLE import_profiles (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name     TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 100),
    settings TEXT NOT NULL,
    PRIMARY KEY (user_id, name)
) WITHOUT ROWID;
