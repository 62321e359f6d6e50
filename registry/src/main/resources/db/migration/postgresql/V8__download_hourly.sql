-- Downloads per version and UTC hour (hours since the epoch), for the last-24-hours figure of the
-- statistics. Only the last two days are kept; older hours live on in download_daily.
CREATE TABLE download_hourly (
    version_pk BIGINT  NOT NULL REFERENCES plugin_versions (id) ON DELETE CASCADE,
    hour       BIGINT  NOT NULL,
    n          BIGINT  NOT NULL,
    PRIMARY KEY (version_pk, hour)
);
CREATE INDEX download_hourly_hour ON download_hourly (hour);
