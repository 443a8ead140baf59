-- PostgreSQL only (its writers take a lock a reader of the change counter tries, to know
-- whether every change counted has committed); on SQLite the counter is a row written in the
-- changing transaction, so any value read is committed. The two folders keep the same names.
SELECT 1;
