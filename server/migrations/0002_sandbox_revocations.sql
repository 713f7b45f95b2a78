-- The sandbox certification authority's revoked certificates (published in its CRL).
CREATE TABLE sandbox_revocations (
    serial TEXT PRIMARY KEY,
    revoked_at TEXT NOT NULL
);
