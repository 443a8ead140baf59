-- Issue 15 (scale): a counter of changes to what the network overview reads. Every statement
-- that inserts, updates or deletes rows of those tables bumps it, so an instance can keep the
-- computed overview until the counter moves (src/plans/overview.rs). Statement-level triggers:
-- a bulk insert bumps it once.
--
-- On PostgreSQL the counter is a sequence, not a row: a row would be locked by every writing
-- transaction until it commits, making all writers to these tables wait for each other (and
-- able to deadlock with locks taken in another order). A sequence takes no lock; the price is
-- that a bump is visible before its transaction commits, so an overview computed in that
-- instant may miss the change until the next bump or the overview's one-minute expiry.
-- `data_versions` is a view with the same shape as SQLite's table, so queries are the same.
CREATE SEQUENCE network_data_version;
CREATE VIEW data_versions AS SELECT 'network'::text AS name, last_value AS version FROM network_data_version;

CREATE FUNCTION bump_network_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('network_data_version');
    RETURN NULL;
END
$$;
CREATE TRIGGER cities_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cities FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER signatures_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON signatures FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER plans_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plans FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER actions_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON actions FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER rounds_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rounds FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER check_ins_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON check_ins FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER frameworks_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON frameworks FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER roles_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON roles FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER commitments_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON commitments FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();

-- The overview and the city page read plans by framework and city.
CREATE INDEX plans_framework_city ON plans (framework_id, city_id);
