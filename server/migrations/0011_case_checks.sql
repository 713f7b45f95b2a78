-- What the state registries said about the applicant at a step that asks them. A check stays
-- pending (and is retried) until the registry answers; the step cannot be decided meanwhile.
CREATE TABLE case_checks (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    step_id TEXT NOT NULL REFERENCES case_steps (id),
    registry TEXT NOT NULL,
    status TEXT NOT NULL,
    adverse BIGINT NOT NULL DEFAULT 0,
    detail TEXT,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    checked_at TEXT
);
CREATE INDEX case_checks_step ON case_checks (step_id);
CREATE INDEX case_checks_pending ON case_checks (status);
