-- Foundation: the charter as data, signatory cities, action plans, actions, users, tokens, history.
-- Timestamps are stored as UTC; ids are 64-bit integers on both backends.

CREATE TABLE frameworks (
    id BIGSERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE roles (
    id BIGSERIAL PRIMARY KEY,
    framework_id BIGINT NOT NULL REFERENCES frameworks(id),
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    preamble TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    UNIQUE (framework_id, code)
);

CREATE TABLE commitments (
    id BIGSERIAL PRIMARY KEY,
    framework_id BIGINT NOT NULL REFERENCES frameworks(id),
    role_id BIGINT NOT NULL REFERENCES roles(id),
    code TEXT NOT NULL,
    text TEXT NOT NULL,
    position INTEGER NOT NULL,
    retired BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (framework_id, code)
);

CREATE TABLE cities (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    is_public BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX cities_name_country ON cities (name, country);

CREATE TABLE signatures (
    city_id BIGINT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
    framework_id BIGINT NOT NULL REFERENCES frameworks(id),
    signed_on DATE NOT NULL,
    PRIMARY KEY (city_id, framework_id)
);

CREATE TABLE contacts (
    id BIGSERIAL PRIMARY KEY,
    city_id BIGINT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'en',
    office_role TEXT NOT NULL DEFAULT '',
    receives_reminders BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX contacts_city ON contacts (city_id);

CREATE TABLE plans (
    id BIGSERIAL PRIMARY KEY,
    city_id BIGINT NOT NULL REFERENCES cities(id),
    framework_id BIGINT NOT NULL REFERENCES frameworks(id),
    title TEXT NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    status TEXT NOT NULL,
    adopted_on DATE,
    document_url TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX plans_city ON plans (city_id);

CREATE TABLE actions (
    id BIGSERIAL PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans(id),
    commitment_id BIGINT NOT NULL REFERENCES commitments(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    partners TEXT NOT NULL DEFAULT '[]',
    delivery TEXT NOT NULL,
    policy_areas TEXT NOT NULL DEFAULT '[]',
    start_date DATE,
    due_date DATE,
    status TEXT NOT NULL,
    progress INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX actions_plan ON actions (plan_id, id);
CREATE INDEX actions_commitment ON actions (commitment_id);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    city_id BIGINT REFERENCES cities(id),
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE api_tokens (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);

CREATE TABLE history (
    id BIGSERIAL PRIMARY KEY,
    object_kind TEXT NOT NULL,
    object_id BIGINT NOT NULL,
    city_id BIGINT,
    operation TEXT NOT NULL,
    actor_user_id BIGINT,
    actor TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    changed TEXT NOT NULL DEFAULT '[]',
    before_state TEXT,
    after_state TEXT
);
CREATE INDEX history_object ON history (object_kind, object_id, id);
