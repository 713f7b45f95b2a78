-- Password sign-in attempts counted in one row per login, taken with a conditional update,
-- so parallel attempts cannot pass the limit between a count and an insert.
CREATE TABLE attempt_windows (
    subject TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    attempts BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_at ON sign_in_failures (at);
CREATE INDEX challenges_expiry ON challenges (expires_at);
CREATE INDEX sessions_expiry ON sessions (expires_at);
