-- Failed sign-in attempts, to slow down password guessing and key probing.
CREATE TABLE sign_in_failures (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_subject ON sign_in_failures (subject, at);
