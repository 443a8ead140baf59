DROP TABLE password_links;
DROP TABLE login_attempts;
DROP TABLE sessions;
ALTER TABLE users DROP COLUMN name;
