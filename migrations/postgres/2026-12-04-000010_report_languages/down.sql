ALTER TABLE report_versions DROP COLUMN languages;
