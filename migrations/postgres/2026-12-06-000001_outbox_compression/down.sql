DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings
               WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE outbox
            ALTER COLUMN body_text SET COMPRESSION default,
            ALTER COLUMN body_html SET COMPRESSION default;
    END IF;
END
$$;
