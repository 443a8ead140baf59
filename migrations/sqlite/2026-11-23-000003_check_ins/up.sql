-- Check-in rounds opened on the network's schedule, one check-in per city with an adopted plan,
-- the secure links emailed to contacts, and what each submission reported.

CREATE TABLE rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The schedule's firing that opened the round; unique so two instances cannot open it twice.
    opened_at TIMESTAMP NOT NULL UNIQUE,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    label TEXT NOT NULL,
    due_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE check_ins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds(id),
    city_id BIGINT NOT NULL REFERENCES cities(id),
    state TEXT NOT NULL,
    due_at TIMESTAMP NOT NULL,
    extension_reason TEXT,
    extended_by TEXT,
    draft TEXT,
    draft_saved_at TIMESTAMP,
    submitted_at TIMESTAMP,
    submitted_by TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (round_id, city_id)
);
CREATE INDEX check_ins_city ON check_ins (city_id);

CREATE TABLE check_in_links (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    check_in_id BIGINT NOT NULL REFERENCES check_ins(id),
    contact_id BIGINT REFERENCES contacts(id) ON DELETE SET NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE action_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    check_in_id BIGINT NOT NULL REFERENCES check_ins(id),
    action_id BIGINT NOT NULL REFERENCES actions(id),
    status TEXT NOT NULL,
    progress INTEGER NOT NULL,
    narrative TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX action_updates_check_in ON action_updates (check_in_id);
CREATE INDEX action_updates_action ON action_updates (action_id);

CREATE TABLE self_assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    check_in_id BIGINT NOT NULL REFERENCES check_ins(id),
    commitment_id BIGINT NOT NULL REFERENCES commitments(id),
    level TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    UNIQUE (check_in_id, commitment_id)
);

-- Settings the secretariat changes at run time (the check-in schedule), overriding configuration.
CREATE TABLE network_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
