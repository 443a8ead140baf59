-- Issue 15 (scale): a counter of changes to what the network overview reads. Every statement
-- that inserts, updates or deletes rows of those tables bumps it in the same transaction, so
-- an instance can keep the computed overview until the counter moves (src/plans/overview.rs).
-- Statement-level triggers: a bulk insert bumps it once.
CREATE TABLE data_versions (
    name TEXT PRIMARY KEY NOT NULL,
    version BIGINT NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('network', 1);

CREATE FUNCTION bump_network_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_versions SET version = version + 1 WHERE name = 'network';
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
