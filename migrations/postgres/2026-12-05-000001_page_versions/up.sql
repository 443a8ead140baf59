-- Issue 15 (scale): the city page is rendered once and shown again until what it reads
-- changes (src/pages/rendered.rs). Besides what the network overview reads (migration
-- 2026-12-03-000020_scale), it shows the city's peer reviews, its self-assessments beside the
-- verified ratings, and the next round from the network's schedule: their writes bump the
-- same sequence.
CREATE TRIGGER peer_reviews_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON peer_reviews FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER peer_review_cities_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON peer_review_cities FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER peer_review_commitments_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON peer_review_commitments FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER peer_review_people_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON peer_review_people FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER recommendations_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recommendations FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER self_assessments_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON self_assessments FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER verified_ratings_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON verified_ratings FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
CREATE TRIGGER network_settings_network_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON network_settings FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
