-- PostgreSQL only (instances hear changes as they commit through LISTEN/NOTIFY); on SQLite
-- one instance serves the file and asks it, which costs no round trip. The two folders keep
-- the same names.
SELECT 1;
