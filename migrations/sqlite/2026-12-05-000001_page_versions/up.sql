-- Issue 15 (scale): the city page is rendered once and shown again until what it reads
-- changes (src/pages/rendered.rs). Besides what the network overview reads (migration
-- 2026-12-03-000020_scale), it shows the city's peer reviews, its self-assessments beside the
-- verified ratings, and the next round from the network's schedule: their writes bump the
-- same counter.
CREATE TRIGGER peer_reviews_network_insert AFTER INSERT ON peer_reviews BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER peer_reviews_network_update AFTER UPDATE ON peer_reviews BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER peer_reviews_network_delete AFTER DELETE ON peer_reviews BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER peer_review_cities_network_insert AFTER INSERT ON peer_review_cities BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER peer_review_cities_network_update AFTER UPDATE ON peer_review_cities BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER peer_review_cities_network_delete AFTER DELETE ON peer_review_cities BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER peer_review_commitments_network_insert AFTER INSERT ON peer_review_commitments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER peer_review_commitments_network_update AFTER UPDATE ON peer_review_commitments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER peer_review_commitments_network_delete AFTER DELETE ON peer_review_commitments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER peer_review_people_network_insert AFTER INSERT ON peer_review_people BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER peer_review_people_network_update AFTER UPDATE ON peer_review_people BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER peer_review_people_network_delete AFTER DELETE ON peer_review_people BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER recommendations_network_insert AFTER INSERT ON recommendations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER recommendations_network_update AFTER UPDATE ON recommendations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER recommendations_network_delete AFTER DELETE ON recommendations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER self_assessments_network_insert AFTER INSERT ON self_assessments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER self_assessments_network_update AFTER UPDATE ON self_assessments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER self_assessments_network_delete AFTER DELETE ON self_assessments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER verified_ratings_network_insert AFTER INSERT ON verified_ratings BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER verified_ratings_network_update AFTER UPDATE ON verified_ratings BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER verified_ratings_network_delete AFTER DELETE ON verified_ratings BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER network_settings_network_insert AFTER INSERT ON network_settings BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER network_settings_network_update AFTER UPDATE ON network_settings BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
CREATE TRIGGER network_settings_network_delete AFTER DELETE ON network_settings BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'network'; END;
