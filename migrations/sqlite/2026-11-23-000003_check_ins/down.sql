DROP TABLE network_settings;
DROP TABLE self_assessments;
DROP TABLE action_updates;
DROP TABLE check_in_links;
DROP TABLE check_ins;
DROP TABLE rounds;
