-- Issue 15 (scale): the change counter (migration 2026-12-03-000020_scale) read together with
-- whether every change it counts has committed, in one round trip.
--
-- The counter is a sequence, bumped before the change commits. A value read while a writer is
-- in progress may count a change that is not visible yet, so what is computed at that value
-- must not be kept (src/db/mod.rs, committed_data_version). The check this replaces looked for
-- writers in a snapshot's list of running transactions, but since PostgreSQL 14 that list
-- leaves out a writer newer than the latest completed transaction (a snapshot's xmax is the
-- latest completed one plus one): a lone writer went unseen.
--
-- Now each writing statement takes a shared advisory lock before it bumps the counter, held
-- until its transaction ends; writers do not wait for each other (shared locks). A reader reads
-- the counter, then tries the same lock exclusively, without waiting: it gets it only when no
-- writer holds it, so every change the value counts has committed (or rolled back). The reader
-- holds it for the rest of its statement's transaction (microseconds when read on its own, as
-- the pages do), during which a writer's next statement waits for it.
CREATE OR REPLACE FUNCTION bump_network_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(727277);
    PERFORM nextval('network_data_version');
    RETURN NULL;
END
$$;
