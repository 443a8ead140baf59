DROP TRIGGER users_changed ON users;
DROP TRIGGER sessions_ended ON sessions;
DROP FUNCTION notify_sessions_changed();
CREATE OR REPLACE FUNCTION bump_network_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(727277);
    PERFORM nextval('network_data_version');
    RETURN NULL;
END
$$;
