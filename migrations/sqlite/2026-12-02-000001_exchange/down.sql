DROP TABLE pending_imports;
DROP INDEX actions_reference;
DROP INDEX plans_reference;
DROP INDEX cities_reference;
ALTER TABLE actions DROP COLUMN reference;
ALTER TABLE plans DROP COLUMN reference;
ALTER TABLE cities DROP COLUMN reference;
