-- Users are changed from the secretariat's pages: a version makes a change based on an old
-- reading of the account fail instead of silently undoing someone else's.

ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
