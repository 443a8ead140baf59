-- Search over the network's actions (issue 12). The text indexed is folded in Rust (deunicode,
-- lower case: "Łódź" is indexed as "lodz", "café" as "cafe") and written in the same transaction
-- as the action (src/actions/search.rs); rows written by other means are indexed at start-up.
-- rowid = actions.id. Porter stemming (English) over the unicode61 tokenizer.
CREATE VIRTUAL TABLE action_search USING fts5(
    title, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER action_search_delete AFTER DELETE ON actions BEGIN
    DELETE FROM action_search WHERE rowid = old.id;
END;

-- A city's context, to compare it with cities like it: population, and the share of residents
-- born abroad with the year and source of that figure. Optional; one row per city at most.
CREATE TABLE city_contexts (
    city_id BIGINT PRIMARY KEY NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
    population BIGINT,
    population_year INTEGER,
    born_abroad_percent DOUBLE,
    born_abroad_year INTEGER,
    source TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL
);

-- The good-practice facet and library look reports up by action.
CREATE INDEX report_good_practices_action ON report_good_practices (action_id);
