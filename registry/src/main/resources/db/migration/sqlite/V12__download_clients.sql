-- Download de-duplication (downloads/DownloadCounter): when each client last had a download of each
-- version counted. A node's batch flush upserts its candidates here and counts only the rows that were
-- inserted or moved on by a full window, so the rule "the same client and version count once per hour"
-- holds across every node sharing the database. Rows older than the window are pruned by the flush.
CREATE TABLE download_clients (
    version_pk INTEGER NOT NULL,
    client     TEXT    NOT NULL,   -- ClientKey: "u:<user id>", "a:<IPv4>" or "n:<IPv6 /64>"
    counted_at INTEGER NOT NULL,   -- epoch milliseconds of the download that counted last
    PRIMARY KEY (version_pk, client)
) WITHOUT ROWID;
CREATE INDEX download_clients_counted_at ON download_clients (counted_at);
