-- Bearer tokens of `spend serve`. A token acts for its user, or for every user when
-- `admin`. Only the SHA-256 hash of its secret is kept, so a copy of the database lets no
-- one in.
CREATE TABLE api_tokens (
    id          SERIAL PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name        VARCHAR(100) NOT NULL DEFAULT '',
    admin       BOOLEAN NOT NULL DEFAULT false,
    secret_hash BYTEA NOT NULL CHECK (octet_length(secret_hash) = 32),
    created_at  TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
