-- Search over the network's actions (issue 12). The text indexed is folded in Rust (deunicode,
-- lower case: "Łódź" is indexed as "lodz", "café" as "cafe") and written in the same transaction
-- as the action (src/actions/search.rs); rows written by other means are indexed at start-up.
-- The document holds both unstemmed ('simple') and stemmed (the network language's) lexemes.
CREATE TABLE action_search (
    action_id BIGINT PRIMARY KEY REFERENCES actions(id) ON DELETE CASCADE,
    document TSVECTOR NOT NULL
);
CREATE INDEX action_search_document ON action_search USING GIN (document);

-- A city's context, to compare it with cities like it: population, and the share of residents
-- born abroad with the year and source of that figure. Optional; one row per city at most.
CREATE TABLE city_contexts (
    city_id BIGINT PRIMARY KEY REFERENCES cities(id) ON DELETE CASCADE,
    population BIGINT,
    population_year INTEGER,
    born_abroad_percent DOUBLE PRECISION,
    born_abroad_year INTEGER,
    source TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE INDEX report_good_practices_action ON report_good_practices (action_id);
