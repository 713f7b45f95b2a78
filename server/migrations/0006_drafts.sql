-- Drafts saved on the server as the applicant types: one per applicant (and company acted
-- for), service and variant; resumable on another device, kept across restarts.
CREATE TABLE drafts (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES users (id),
    acting_bin TEXT NOT NULL DEFAULT '',
    service_code TEXT NOT NULL,
    service_version BIGINT NOT NULL,
    variant TEXT NOT NULL,
    values_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX drafts_one_per_form ON drafts (owner_id, acting_bin, service_code, variant);
