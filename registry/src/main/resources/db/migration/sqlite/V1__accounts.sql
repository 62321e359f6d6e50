-- Accounts and personal access tokens. Times are epoch milliseconds (UTC).
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL,
    username_key  TEXT    NOT NULL UNIQUE,          -- lower-cased username: names are unique ignoring case
    email         TEXT,
    email_key     TEXT    UNIQUE,                   -- lower-cased email
    display_name  TEXT,
    password_hash TEXT    NOT NULL,                 -- Argon2id, PHC string
    role          TEXT    NOT NULL DEFAULT 'user',  -- 'user' | 'admin'
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE tokens (
    id           INTEGER PRIMARY KEY,
    public_id    TEXT    NOT NULL UNIQUE,           -- the id shown in the API ("tok_…"), never the secret
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,           -- SHA-256 hex of the secret; the secret itself is never stored
    token_prefix TEXT    NOT NULL,                  -- first characters, so a user can tell tokens apart
    scopes       TEXT    NOT NULL,                  -- space-separated: publish review admin
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,                           -- NULL = never
    last_used_at INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX tokens_user ON tokens (user_id);
