-- Issue 14: a published report is frozen in every offered language. The HTML of each language
-- is a row of report_outputs (`report.html` in English as before, `report.fr.html`,
-- `report.de.html`); this column lists the languages a version was frozen in, space-separated.
-- Versions published before have their English HTML only.
ALTER TABLE report_versions ADD COLUMN languages TEXT NOT NULL DEFAULT 'en';
