-- Issue 14: a person's language for pages (NULL: no preference; the switcher's cookie, the
-- browser's Accept-Language or network.default_language decide).
ALTER TABLE users ADD COLUMN language TEXT;
