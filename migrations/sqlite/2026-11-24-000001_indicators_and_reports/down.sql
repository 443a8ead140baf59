DROP TABLE report_cycles;
DROP TABLE report_good_practices;
DROP TABLE report_outputs;
DROP TABLE report_versions;
DROP TABLE reports;
DROP TABLE indicator_values;
DROP TABLE indicators;
