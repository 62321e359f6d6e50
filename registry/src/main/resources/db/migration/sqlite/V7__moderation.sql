-- Lifecycle and moderation: why a plugin has its status, which plugin replaces a deprecated one,
-- when and why a version was yanked, and the append-only audit log. Times are epoch milliseconds.
ALTER TABLE plugins ADD COLUMN deprecated_replacement TEXT;   -- a plugin id, when status = 'deprecated'
ALTER TABLE plugins ADD COLUMN status_reason TEXT;
ALTER TABLE plugin_versions ADD COLUMN yanked_at INTEGER;
ALTER TABLE plugin_versions ADD COLUMN yank_reason TEXT;

-- Every admin action, owner change, status change and yank, written in the transaction of the change.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    actor         TEXT    NOT NULL,                 -- username, or 'operator' for the operator key
    actor_user_id INTEGER,                          -- NULL for the operator; no foreign key: entries outlive users
    action        TEXT    NOT NULL,                 -- e.g. plugin.status, version.yank, owner.add, user.update
    target_type   TEXT    NOT NULL,                 -- plugin | version | user
    target_id     TEXT    NOT NULL,
    before_json   TEXT,                             -- the state before, as JSON (NULL when there was none)
    after_json    TEXT,
    reason        TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);

-- Append-only: no statement may change or remove an entry, whatever code runs it.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted');
END;
