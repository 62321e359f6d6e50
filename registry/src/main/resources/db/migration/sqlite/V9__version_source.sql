-- Where a version imported from git came from: the repository URL as the publisher gave it and the
-- full commit id its files were taken from. NULL for versions that were uploaded.
ALTER TABLE plugin_versions ADD COLUMN source_repository TEXT;
ALTER TABLE plugin_versions ADD COLUMN source_commit TEXT;
