DROP TABLE recommendations;
DROP TABLE peer_review_commitments;
DROP TABLE peer_review_people;
DROP TABLE peer_review_cities;
DROP TABLE peer_reviews;
