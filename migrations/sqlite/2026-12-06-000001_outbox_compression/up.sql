-- PostgreSQL only (its outbox bodies are compressed with lz4 instead of pglz); SQLite does not
-- compress values, so there is nothing to change here. The two folders keep the same names.
SELECT 1;
