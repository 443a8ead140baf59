DROP INDEX report_good_practices_action;
DROP TABLE city_contexts;
DROP TRIGGER action_search_delete;
DROP TABLE action_search;
