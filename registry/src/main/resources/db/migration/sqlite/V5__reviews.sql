-- Ratings and reviews: one record per user and plugin (seed 001 calls it a rating with a review,
-- seed 003 a review with a title and a comment), and helpful/unhelpful votes on them.
-- Times are epoch milliseconds (UTC).
CREATE TABLE ratings (
    id              INTEGER PRIMARY KEY,
    plugin_pk       INTEGER NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title           TEXT,                           -- seed 003's title; stored verbatim
    review          TEXT,                           -- seed 001's review = seed 003's comment; stored verbatim
    helpful_count   INTEGER NOT NULL DEFAULT 0,     -- recomputed from review_votes in the vote's transaction
    unhelpful_count INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (plugin_pk, user_id)                     -- one rating per user per plugin
);
CREATE INDEX ratings_plugin_newest ON ratings (plugin_pk, created_at, id);
CREATE INDEX ratings_user ON ratings (user_id);

CREATE TABLE review_votes (
    rating_id  INTEGER NOT NULL REFERENCES ratings (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    helpful    INTEGER NOT NULL,                    -- 1 helpful, 0 unhelpful
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (rating_id, user_id)                -- one vote per user per review, changeable
);

-- The Bayesian average lists sort by (docs/marketplace.md): (C*m + sum) / (C + n), m = 3.0, C = 10.
-- With no ratings it is the prior mean m.
ALTER TABLE plugins ADD COLUMN rating_smoothed REAL NOT NULL DEFAULT 3.0;
CREATE INDEX plugins_rating_smoothed ON plugins (rating_smoothed);
