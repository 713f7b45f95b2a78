-- Attestation sessions of a territorial body: date and place, the candidates scheduled, their
-- computer-test score and interview result (or absence), the signed protocol and the
-- publication of the lists.
CREATE TABLE attestation_sessions (
    id TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    region TEXT NOT NULL,
    held_on TEXT NOT NULL,
    place TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    protocol_signed_at TEXT,
    protocol_signed_by TEXT,
    published_at TEXT
);
CREATE TABLE session_candidates (
    session_id TEXT NOT NULL REFERENCES attestation_sessions (id),
    application_id TEXT NOT NULL REFERENCES applications (id),
    test_score BIGINT,
    interview TEXT,
    result TEXT,
    PRIMARY KEY (application_id)
);
CREATE INDEX session_candidates_session ON session_candidates (session_id);
