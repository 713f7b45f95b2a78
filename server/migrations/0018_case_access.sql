-- Who opened or found a case (an officer of the provider, support, a centre's operator) and
-- when: the applicant sees these in their application, by role and body, never by name.
CREATE TABLE case_access (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    who TEXT NOT NULL,
    duty TEXT,
    action TEXT NOT NULL
);
CREATE INDEX case_access_application ON case_access (application_id, at);
-- Support finds a company's cases by its BIN.
CREATE INDEX applications_bin ON applications (applicant_bin);
