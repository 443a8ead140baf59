-- Issue 15 (scale): a round opening for 10,000 cities queues 20,000 and more emails, each with
-- a plain-text and an HTML body of a few KB, so PostgreSQL compresses every body as it stores
-- it. Its default method (pglz) took about 0.65 s more than lz4 for those 22,000 rows on the
-- benchmark machine (1.55 s against 0.90 s for the same INSERT), for the same size on disk.
-- lz4 is there when the server was built with it (PostgreSQL 14 and later, as packaged by
-- Debian and the official images); a server without it keeps pglz, which only costs time.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings
               WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE outbox
            ALTER COLUMN body_text SET COMPRESSION lz4,
            ALTER COLUMN body_html SET COMPRESSION lz4;
    END IF;
END
$$;
