CREATE OR REPLACE FUNCTION bump_network_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('network_data_version');
    RETURN NULL;
END
$$;
