-- What the secretariat (or a peer-review team) verified of a city's commitment, on the same
-- scale as the city's self-assessment, with a note and evidence links. Kept as a history: the
-- latest verification of a commitment (by date, then entry) is the one in force.
CREATE TABLE verified_ratings (
    id BIGSERIAL PRIMARY KEY,
    city_id BIGINT NOT NULL REFERENCES cities(id),
    commitment_id BIGINT NOT NULL REFERENCES commitments(id),
    -- not_started, limited, substantial or complete.
    level TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    -- JSON: [{"url": "https://...", "title": "..."}]
    evidence TEXT NOT NULL DEFAULT '[]',
    verified_on DATE NOT NULL,
    verified_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX verified_ratings_city ON verified_ratings (city_id, commitment_id);

-- Actions carry links to documents too (URL and title; http and https only).
ALTER TABLE actions ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
