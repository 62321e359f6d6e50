-- The remaining sort orders of plugin lists (downloads, created_at and updated_at have indexes in V2).
CREATE INDEX plugins_rating ON plugins (rating);
-- The name order ignores ASCII case like SQLite's NOCASE (Dialect.foldCase writes the same expression).
CREATE INDEX plugins_name ON plugins (lower(name COLLATE "C"));
