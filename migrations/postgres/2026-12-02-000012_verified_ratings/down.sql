DROP TABLE verified_ratings;
ALTER TABLE actions DROP COLUMN evidence;
