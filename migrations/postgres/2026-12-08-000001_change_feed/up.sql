-- Issue 15 (scale): each instance hears what changed as it commits, so a kept page or a known
-- session costs no round trip to the database (src/db/changes.rs).
--
-- A transaction that changes what pages show (the tables whose triggers bump the change
-- counter) notifies `ct_changes`; one that ends a session or changes a user (role, city,
-- language, disabled, password) notifies `ct_sessions`. PostgreSQL delivers a notification to
-- every listening instance when, and only if, its transaction commits, and collapses the same
-- notification sent twice in one transaction. Listening instances use these only while their
-- listening connection is known to be up; otherwise they ask the database as before
-- (db::committed_data_version, auth::sessions::lookup).
CREATE OR REPLACE FUNCTION bump_network_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(727277);
    PERFORM nextval('network_data_version');
    PERFORM pg_notify('ct_changes', '');
    RETURN NULL;
END
$$;

CREATE FUNCTION notify_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ct_sessions', '');
    RETURN NULL;
END
$$;

-- Row triggers: the scheduler's purge of expired sessions deletes none most passes and then
-- says nothing. Refreshing a session's idle deadline (an UPDATE) ends nothing and is not heard.
CREATE TRIGGER sessions_ended AFTER DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION notify_sessions_changed();
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION notify_sessions_changed();
