-- The secretariat reviews each submitted check-in: it accepts it, or asks for changes with a
-- comment on the whole and on any action's report; the city changes and resubmits. Every step
-- (submitted, changes requested, resubmitted, accepted) is an event naming who and when.

CREATE TABLE check_in_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    check_in_id BIGINT NOT NULL REFERENCES check_ins(id),
    -- submitted, changes_requested, resubmitted or accepted.
    kind TEXT NOT NULL,
    actor_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    actor TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    -- JSON: [{"action_id": 1, "comment": "..."}], for a request for changes.
    action_comments TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX check_in_events_check_in ON check_in_events (check_in_id);

-- Check-ins submitted before reviews existed count as submitted once, when they were.
INSERT INTO check_in_events (check_in_id, kind, actor, created_at)
SELECT id, 'submitted', COALESCE(submitted_by, ''), submitted_at FROM check_ins WHERE submitted_at IS NOT NULL;
