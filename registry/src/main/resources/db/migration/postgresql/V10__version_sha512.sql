-- The SHA-512 of each package file, which PF4J's update repository format (plugins.json's
-- sha512sum) asks for. Filled lazily, once per version, by the PF4J repository (pf4j/Sha512Sums):
-- NULL means not computed yet, so rows published before this column need no backfill here.
ALTER TABLE plugin_versions ADD COLUMN sha512 TEXT;
