-- Every e-mail links to its case: the page's path, made absolute with PUBLIC_URL when sent.
ALTER TABLE outbox ADD COLUMN link_path TEXT;
-- SMS beside e-mail, through the same outbox: each message's channel.
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email';
-- The applicant's consent to SMS about an application, with the number it was given for.
CREATE TABLE sms_consents (
    application_id TEXT PRIMARY KEY REFERENCES applications (id),
    phone TEXT NOT NULL,
    given_at TEXT NOT NULL
);
