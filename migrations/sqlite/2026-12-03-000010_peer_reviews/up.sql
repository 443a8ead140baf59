-- Peer reviews (the Charter's DC3: "peer reviews and other forms of mutual learning"): a host
-- city reviewed by one or more other cities on some commitments of one framework, with findings
-- and recommendations per commitment, a summary the host agrees to publish, and the host's
-- response to each recommendation (which can become an action of its plan).
CREATE TABLE peer_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    host_city_id BIGINT NOT NULL REFERENCES cities(id),
    framework_id BIGINT NOT NULL REFERENCES frameworks(id),
    -- planned, visited, reported or closed.
    state TEXT NOT NULL,
    visit_from DATE,
    visit_to DATE,
    report_date DATE,
    summary TEXT NOT NULL DEFAULT '',
    -- The host agreed to publish the summary (by its editor or the secretariat, recorded here).
    summary_agreed BOOLEAN NOT NULL DEFAULT FALSE,
    summary_agreed_by TEXT,
    summary_agreed_at TIMESTAMP,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX peer_reviews_host ON peer_reviews (host_city_id);

-- The reviewing cities.
CREATE TABLE peer_review_cities (
    peer_review_id BIGINT NOT NULL REFERENCES peer_reviews(id) ON DELETE CASCADE,
    city_id BIGINT NOT NULL REFERENCES cities(id),
    PRIMARY KEY (peer_review_id, city_id)
);
CREATE INDEX peer_review_cities_city ON peer_review_cities (city_id);

-- The reviewing people (personal data: the secretariat and the cities involved only).
CREATE TABLE peer_review_people (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    peer_review_id BIGINT NOT NULL REFERENCES peer_reviews(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    city_id BIGINT REFERENCES cities(id),
    role TEXT NOT NULL DEFAULT ''
);
CREATE INDEX peer_review_people_review ON peer_review_people (peer_review_id);

-- The commitments in focus, with the review's findings on each.
CREATE TABLE peer_review_commitments (
    peer_review_id BIGINT NOT NULL REFERENCES peer_reviews(id) ON DELETE CASCADE,
    commitment_id BIGINT NOT NULL REFERENCES commitments(id),
    findings TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (peer_review_id, commitment_id)
);

-- Recommendations per commitment, the host's response, and the action it became.
CREATE TABLE recommendations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    peer_review_id BIGINT NOT NULL REFERENCES peer_reviews(id) ON DELETE CASCADE,
    commitment_id BIGINT NOT NULL REFERENCES commitments(id),
    text TEXT NOT NULL,
    -- accepted, partly or not_accepted; none until the host responds.
    response TEXT,
    response_note TEXT NOT NULL DEFAULT '',
    responded_by TEXT,
    responded_at TIMESTAMP,
    action_id BIGINT REFERENCES actions(id) ON DELETE SET NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX recommendations_review ON recommendations (peer_review_id);
CREATE UNIQUE INDEX recommendations_action ON recommendations (action_id);
