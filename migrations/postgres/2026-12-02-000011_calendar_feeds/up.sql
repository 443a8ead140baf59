-- Each city can have one secret calendar address (a random token in the path, stored only as
-- a hash) that calendar apps subscribe to without signing in. Reissuing replaces the row, so
-- the old address stops working; revoking deletes it.
CREATE TABLE calendar_feeds (
    id BIGSERIAL PRIMARY KEY,
    city_id BIGINT NOT NULL UNIQUE REFERENCES cities(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
