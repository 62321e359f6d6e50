-- The remaining sort orders of plugin lists (downloads, created_at and updated_at have indexes in V2).
CREATE INDEX plugins_rating ON plugins (rating);
CREATE INDEX plugins_name ON plugins (name COLLATE NOCASE);
