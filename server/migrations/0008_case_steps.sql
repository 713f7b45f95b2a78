-- The provider's process: one row per step a case passes through. A case has at most one
-- open step (finished_at IS NULL); a decision closes it with a conditional UPDATE, so two
-- officers deciding at once cannot both win.
CREATE TABLE case_steps (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    step TEXT NOT NULL,
    role TEXT NOT NULL,
    started_at TEXT NOT NULL,
    due_at TEXT,
    assignee_id TEXT,
    finished_at TEXT,
    outcome TEXT,
    grounds TEXT,
    actor_id TEXT
);
CREATE INDEX case_steps_application ON case_steps (application_id, started_at);
CREATE UNIQUE INDEX case_steps_one_open ON case_steps (application_id) WHERE finished_at IS NULL;

-- Staff duties (the process roles a person acts in) and region (for regional providers).
ALTER TABLE users ADD COLUMN duties TEXT;
ALTER TABLE users ADD COLUMN region TEXT;
-- The region whose body runs a regional service's case.
ALTER TABLE applications ADD COLUMN region TEXT;
-- A form filled in to take a step's outcome (the licensing-control conclusion).
ALTER TABLE case_steps ADD COLUMN form_json TEXT;
