-- Version 11 is the cluster's shared state (postgresql/V11__cluster.sql: rate-limit windows and the
-- catalogue's change stamp). A SQLite database serves exactly one node, whose rate limits and caches
-- live in its memory, so nothing changes here; the file keeps one number meaning one change in both folders.
SELECT 1;
