-- The outcomes report: common indicators and cities' values, reports with versions (one draft at
-- a time, published versions frozen as bytes), good-practice marks, and the automatic compile.

-- A framework's common indicators: loaded from config/charters/<code>.indicators.toml, or added
-- by the secretariat through the API (source 'secretariat', never removed by a reload).
CREATE TABLE indicators (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    framework_id BIGINT NOT NULL REFERENCES frameworks(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- percent, count, money or yes_no
    unit TEXT NOT NULL,
    -- ISO 4217 code, for money only
    currency TEXT,
    -- The commitment the indicator evidences (same framework); cleared if a framework file
    -- drops that commitment.
    commitment_id BIGINT REFERENCES commitments(id) ON DELETE SET NULL,
    higher_is_better BOOLEAN NOT NULL,
    -- City values are withheld from public output (see reports.suppression_threshold).
    sensitive BOOLEAN NOT NULL,
    -- 'file' or 'secretariat'
    source TEXT NOT NULL,
    position INTEGER NOT NULL,
    -- Removed from its file but kept because cities reported values for it.
    retired BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (framework_id, code)
);

-- A city's value of an indicator for a period, with optional baseline and target.
CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    indicator_id BIGINT NOT NULL REFERENCES indicators(id),
    city_id BIGINT NOT NULL REFERENCES cities(id),
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    baseline DOUBLE PRECISION,
    target DOUBLE PRECISION,
    note TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    -- The check-in that reported it, if it came through one.
    check_in_id BIGINT REFERENCES check_ins(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (indicator_id, city_id, period_start, period_end)
);
CREATE INDEX indicator_values_city ON indicator_values (city_id);
CREATE INDEX indicator_values_period ON indicator_values (indicator_id, period_end);

-- A report: one framework and one period, under a stable slug used in public URLs.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    framework_id BIGINT NOT NULL REFERENCES frameworks(id),
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (framework_id, period_start, period_end)
);

-- Versions 1..n of a report. A draft is recompiled in place; publishing freezes it.
CREATE TABLE report_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id BIGINT NOT NULL REFERENCES reports(id),
    number INTEGER NOT NULL,
    -- 'draft' or 'published'
    state TEXT NOT NULL CHECK (state IN ('draft', 'published')),
    -- Every figure, unsuppressed, as JSON (the secretariat's view); frozen once published.
    figures TEXT NOT NULL,
    compiled_at TIMESTAMP NOT NULL,
    compiled_by TEXT NOT NULL,
    changelog TEXT,
    published_at TIMESTAMP,
    published_by TEXT,
    UNIQUE (report_id, number)
);
-- At most one draft per report.
CREATE UNIQUE INDEX report_versions_one_draft ON report_versions (report_id) WHERE state = 'draft';

-- The rendered public outputs of a published version (HTML, JSON, every CSV), served as stored.
CREATE TABLE report_outputs (
    version_id BIGINT NOT NULL REFERENCES report_versions(id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (version_id, name)
);

-- Actions the secretariat marks as good practice for a report (kept across its versions).
CREATE TABLE report_good_practices (
    report_id BIGINT NOT NULL REFERENCES reports(id),
    action_id BIGINT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    marked_by TEXT NOT NULL,
    marked_at TIMESTAMP NOT NULL,
    PRIMARY KEY (report_id, action_id)
);

-- Cycles compiled by the schedule: the primary key lets one instance, once, compile a cycle.
CREATE TABLE report_cycles (
    framework_id BIGINT NOT NULL REFERENCES frameworks(id),
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    fired_at TIMESTAMP NOT NULL,
    report_id BIGINT REFERENCES reports(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (framework_id, period_start, period_end)
);
