-- Imports match rows to what exists by a reference the file carries (the city's or the
-- action's own code in the spreadsheet it keeps), so importing the same file twice changes
-- nothing even after titles are edited. Unique where given.
ALTER TABLE cities ADD COLUMN reference TEXT;
ALTER TABLE plans ADD COLUMN reference TEXT;
ALTER TABLE actions ADD COLUMN reference TEXT;
CREATE UNIQUE INDEX cities_reference ON cities (reference) WHERE reference IS NOT NULL;
CREATE UNIQUE INDEX plans_reference ON plans (city_id, reference) WHERE reference IS NOT NULL;
CREATE UNIQUE INDEX actions_reference ON actions (plan_id, reference) WHERE reference IS NOT NULL;

-- An uploaded file waiting for the person to confirm its preview (the token is stored hashed).
CREATE TABLE pending_imports (
    id BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    plan_id BIGINT,
    file_name TEXT NOT NULL,
    content BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
