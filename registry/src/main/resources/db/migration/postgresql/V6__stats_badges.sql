-- Badges set by admins (official, verified, featured). Times are epoch milliseconds (UTC).
CREATE TABLE plugin_badges (
    plugin_pk  BIGINT  NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
    badge      TEXT    NOT NULL,                    -- Badge.apiName(): official | verified | featured
    granted_by TEXT,                                -- username of the admin, or 'operator'
    granted_at BIGINT  NOT NULL,
    PRIMARY KEY (plugin_pk, badge)
);
CREATE INDEX plugin_badges_badge ON plugin_badges (badge);

-- Daily download series per plugin read the day table by day.
CREATE INDEX download_daily_day ON download_daily (day);
