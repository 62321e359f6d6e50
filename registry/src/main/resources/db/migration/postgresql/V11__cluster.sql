-- Shared state of a cluster of registry nodes (docs/operations.md, "Several nodes").

-- Rate-limit windows, one row per client and window, counted by every node (ratelimit/SharedWindowLimiter).
-- UNLOGGED: no WAL for a counter that only matters for a minute or an hour; after a database crash the
-- windows simply start afresh.
CREATE UNLOGGED TABLE rate_windows (
    client       TEXT    COLLATE "C" NOT NULL,   -- "<KIND>|<ClientKey>", e.g. QUERIES|a:203.0.113.9
    window_start BIGINT  NOT NULL,               -- epoch milliseconds
    window_end   BIGINT  NOT NULL,
    used         INTEGER NOT NULL,
    PRIMARY KEY (client, window_start)
);
CREATE INDEX rate_windows_end ON rate_windows (window_end);

-- The catalogue's change stamp (cluster/ChangeStamps): bumped in the transaction of every write that a
-- node may have cached, so a node that reads a newer stamp than it last saw drops its caches.
-- The triggers are deferred to commit time, so the stamp row is locked last and only for the commit:
-- writers never wait on it while holding other rows (no deadlocks), and only once per transaction.
CREATE TABLE change_stamps (
    scope   TEXT   PRIMARY KEY,
    stamp   BIGINT NOT NULL,
    last_tx BIGINT                               -- the transaction that bumped it last (one bump per transaction)
);
INSERT INTO change_stamps (scope, stamp) VALUES ('catalog', 0);

CREATE FUNCTION plughub_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE change_stamps SET stamp = stamp + 1, last_tx = txid_current()
    WHERE scope = 'catalog' AND last_tx IS DISTINCT FROM txid_current();
    RETURN NULL;
END
$$;

-- Every table whose rows show in a cached answer (details, lists, downloads' version look-up, badges).
CREATE CONSTRAINT TRIGGER plugins_changed AFTER INSERT OR DELETE ON plugins
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plughub_catalog_changed();
-- Download counts change every few seconds on every node and are allowed to lag (CatalogCache.FRESHNESS):
-- an update that moves only them does not count as a change.
CREATE CONSTRAINT TRIGGER plugins_updated AFTER UPDATE ON plugins
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.downloads IS NOT DISTINCT FROM NEW.downloads) EXECUTE FUNCTION plughub_catalog_changed();
CREATE CONSTRAINT TRIGGER plugin_versions_changed AFTER INSERT OR DELETE ON plugin_versions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plughub_catalog_changed();
CREATE CONSTRAINT TRIGGER plugin_versions_updated AFTER UPDATE ON plugin_versions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.downloads IS NOT DISTINCT FROM NEW.downloads) EXECUTE FUNCTION plughub_catalog_changed();
CREATE CONSTRAINT TRIGGER plugin_owners_changed AFTER INSERT OR UPDATE OR DELETE ON plugin_owners
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plughub_catalog_changed();
CREATE CONSTRAINT TRIGGER plugin_tags_changed AFTER INSERT OR UPDATE OR DELETE ON plugin_tags
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plughub_catalog_changed();
CREATE CONSTRAINT TRIGGER plugin_dependencies_changed AFTER INSERT OR UPDATE OR DELETE ON plugin_dependencies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plughub_catalog_changed();
CREATE CONSTRAINT TRIGGER ratings_changed AFTER INSERT OR UPDATE OR DELETE ON ratings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plughub_catalog_changed();
CREATE CONSTRAINT TRIGGER review_votes_changed AFTER INSERT OR UPDATE OR DELETE ON review_votes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plughub_catalog_changed();
CREATE CONSTRAINT TRIGGER plugin_badges_changed AFTER INSERT OR UPDATE OR DELETE ON plugin_badges
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plughub_catalog_changed();
