-- Issue 15 (scale): a counter of changes to what the network overview reads. Every insert,
-- update or delete on those tables bumps it in the same transaction, so an instance can keep
-- the computed overview until the counter moves (src/plans/overview.rs). SQLite has one writer
-- at a time, so one row is enough; triggers fire per row.
CREATE TABLE data_versions (
    name TEXT PRIMARY KEY NOT NULL,
    version BIGINT NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('network', 1);
CREATE TRIGGER cities_network_insert AFTER INSERT ON cities BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER cities_network_update AFTER UPDATE ON cities BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER cities_network_delete AFTER DELETE ON cities BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER signatures_network_insert AFTER INSERT ON signatures BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER signatures_network_update AFTER UPDATE ON signatures BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER signatures_network_delete AFTER DELETE ON signatures BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER plans_network_insert AFTER INSERT ON plans BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER plans_network_update AFTER UPDATE ON plans BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER plans_network_delete AFTER DELETE ON plans BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER actions_network_insert AFTER INSERT ON actions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER actions_network_update AFTER UPDATE ON actions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER actions_network_delete AFTER DELETE ON actions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER rounds_network_insert AFTER INSERT ON rounds BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER rounds_network_update AFTER UPDATE ON rounds BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER rounds_network_delete AFTER DELETE ON rounds BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER check_ins_network_insert AFTER INSERT ON check_ins BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER check_ins_network_update AFTER UPDATE ON check_ins BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER check_ins_network_delete AFTER DELETE ON check_ins BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER frameworks_network_insert AFTER INSERT ON frameworks BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER frameworks_network_update AFTER UPDATE ON frameworks BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER frameworks_network_delete AFTER DELETE ON frameworks BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER roles_network_insert AFTER INSERT ON roles BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER roles_network_update AFTER UPDATE ON roles BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER roles_network_delete AFTER DELETE ON roles BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER commitments_network_insert AFTER INSERT ON commitments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER commitments_network_update AFTER UPDATE ON commitments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER commitments_network_delete AFTER DELETE ON commitments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;

-- The overview and the city page read plans by framework and city.
CREATE INDEX plans_framework_city ON plans (framework_id, city_id);
