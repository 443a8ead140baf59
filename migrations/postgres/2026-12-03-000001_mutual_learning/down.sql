DROP INDEX report_good_practices_action;
DROP TABLE city_contexts;
DROP TABLE action_search;
