-- Bearer tokens of `spend serve`. A token acts for its user, or for every user when
-- `admin`. Only the SHA-256 hash of its secret is kept, so a copy of the database lets no
-- one in. AUTOINCREMENT: a revoked token's number is never given to a new one.
CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name        TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 100),
    admin       INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
    secret_hash BLOB NOT NULL CHECK (length(secret_hash) = 32),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
