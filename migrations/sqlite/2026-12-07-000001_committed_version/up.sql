-- PostgreSQL only (a function reading its change counter and whether every change it counts
-- has committed, in one round trip); on SQLite the counter is a row written in the changing
-- transaction, so any value read is committed. The two folders keep the same names.
SELECT 1;
