DROP TABLE check_in_events;
