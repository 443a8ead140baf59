-- The outbox: every email the tracker sends, written in the same transaction as the change
-- that calls for it, then delivered by a worker. Timestamps are stored as UTC.
--
-- status: queued (waiting for not_before) -> sending (claimed by a worker until
-- claim_expires_at) -> sent | failed; or queued -> cancelled. A failed or cancelled email
-- can be queued again by the secretariat.

CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    -- Chosen by the code that enqueues, e.g. "round-7/city-3/due_soon/0": the same key twice
    -- is one email.
    idempotency_key TEXT NOT NULL UNIQUE,
    -- The left part of the Message-ID header, derived from the idempotency key, so a resend
    -- after a crash carries the same Message-ID: <message_id@domain of mail.from>.
    message_id TEXT NOT NULL,
    -- The template name (round_opened, due_soon, ...).
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    to_name TEXT NOT NULL,
    -- The language the email was written in (after falling back to en).
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    city_id BIGINT REFERENCES cities(id) ON DELETE SET NULL,
    round_id BIGINT,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    -- Delivery attempts made so far.
    attempts INTEGER NOT NULL DEFAULT 0,
    -- Not sent before this instant (the reminder's time, or the next retry after a failure).
    not_before TIMESTAMP NOT NULL,
    claim_token TEXT,
    claim_expires_at TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
-- What the worker asks for: due emails by status and time.
CREATE INDEX outbox_due ON outbox (status, not_before);
-- A worker reads back what it claimed.
CREATE INDEX outbox_claim ON outbox (claim_token);
CREATE INDEX outbox_city ON outbox (city_id);
