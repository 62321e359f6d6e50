-- The catalogue: plugins, their owners, tags and versions. Times are epoch milliseconds (UTC).
CREATE TABLE plugins (
    id               INTEGER PRIMARY KEY,           -- internal key (also the FTS rowid)
    plugin_id        TEXT    NOT NULL UNIQUE,       -- the public id (PluginId rule)
    name             TEXT    NOT NULL,
    description      TEXT    NOT NULL DEFAULT '',
    author           TEXT,
    license          TEXT,
    homepage_url     TEXT,
    repository_url   TEXT,
    category         TEXT,
    min_host_version TEXT,
    tags             TEXT    NOT NULL DEFAULT '',   -- space-joined copy of plugin_tags, for full-text search
    current_version  TEXT,                          -- newest stable, not yanked, not deleted; NULL if none
    status           TEXT    NOT NULL DEFAULT 'active', -- active | deprecated | banned | processing
    downloads        INTEGER NOT NULL DEFAULT 0,
    rating           REAL    NOT NULL DEFAULT 0,
    rating_count     INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    deleted_at       INTEGER                        -- deleted plugins keep their row: ids and versions stay reserved
);
CREATE INDEX plugins_downloads ON plugins (downloads);
CREATE INDEX plugins_updated ON plugins (updated_at);
CREATE INDEX plugins_created ON plugins (created_at);
CREATE INDEX plugins_category ON plugins (category);

CREATE TABLE plugin_owners (
    plugin_pk INTEGER NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      TEXT    NOT NULL DEFAULT 'owner',
    added_at  INTEGER NOT NULL,
    PRIMARY KEY (plugin_pk, user_id)
);
CREATE INDEX plugin_owners_user ON plugin_owners (user_id);

CREATE TABLE plugin_tags (
    plugin_pk INTEGER NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
    tag       TEXT    NOT NULL,                     -- lower-cased
    PRIMARY KEY (plugin_pk, tag)
);
CREATE INDEX plugin_tags_tag ON plugin_tags (tag);

CREATE TABLE plugin_versions (
    id            INTEGER PRIMARY KEY,
    plugin_pk     INTEGER NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
    version       TEXT    NOT NULL,                 -- as published, build metadata included
    version_key   TEXT    NOT NULL,                 -- without build metadata: 1.0.0 and 1.0.0+b are one version
    is_prerelease INTEGER NOT NULL,
    format        TEXT    NOT NULL,                 -- zip | tar.gz | jar
    file_size     INTEGER NOT NULL,
    sha256        TEXT    NOT NULL,                 -- lower-case hex: the blob's key
    manifest      TEXT    NOT NULL,                 -- canonical plugin.json (ManifestCodec)
    changelog     TEXT,
    upload_id     TEXT    NOT NULL UNIQUE,
    publisher_id  INTEGER REFERENCES users (id),
    source        TEXT    NOT NULL,                 -- upload | zip_upload | publish | upload_temp | git
    yanked        INTEGER NOT NULL DEFAULT 0,
    downloads     INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    deleted_at    INTEGER,
    UNIQUE (plugin_pk, version_key)                 -- a version is published once, ever
);
CREATE INDEX plugin_versions_sha ON plugin_versions (sha256);

CREATE TABLE plugin_dependencies (
    version_pk   INTEGER NOT NULL REFERENCES plugin_versions (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,                  -- plugin | package
    name         TEXT    NOT NULL,
    version_range TEXT   NOT NULL,
    optional     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (version_pk, kind, name)
);

-- Downloads per version and UTC day, for statistics; flushed in batches by the download counter.
CREATE TABLE download_daily (
    version_pk INTEGER NOT NULL REFERENCES plugin_versions (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,                    -- yyyy-MM-dd (UTC)
    n          INTEGER NOT NULL,
    PRIMARY KEY (version_pk, day)
);

-- Full-text search over the catalogue (external content, kept in sync by triggers).
CREATE VIRTUAL TABLE plugins_fts USING fts5(
    plugin_id, name, description, tags,
    content = 'plugins', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER plugins_fts_ai AFTER INSERT ON plugins BEGIN
    INSERT INTO plugins_fts (rowid, plugin_id, name, description, tags)
    VALUES (new.id, new.plugin_id, new.name, new.description, new.tags);
END;
CREATE TRIGGER plugins_fts_ad AFTER DELETE ON plugins BEGIN
    INSERT INTO plugins_fts (plugins_fts, rowid, plugin_id, name, description, tags)
    VALUES ('delete', old.id, old.plugin_id, old.name, old.description, old.tags);
END;
-- Only text changes touch the index: download and rating updates do not.
CREATE TRIGGER plugins_fts_au AFTER UPDATE OF plugin_id, name, description, tags ON plugins BEGIN
    INSERT INTO plugins_fts (plugins_fts, rowid, plugin_id, name, description, tags)
    VALUES ('delete', old.id, old.plugin_id, old.name, old.description, old.tags);
    INSERT INTO plugins_fts (rowid, plugin_id, name, description, tags)
    VALUES (new.id, new.plugin_id, new.name, new.description, new.tags);
END;
