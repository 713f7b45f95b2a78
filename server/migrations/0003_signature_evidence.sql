-- Evidence of every accepted signature: what was signed, by whom, with which certificate,
-- checked against which CRL, with what result, at what server time.
CREATE TABLE signature_evidence (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    signer_iin TEXT NOT NULL,
    certificate_serial TEXT NOT NULL,
    certificate_pem TEXT NOT NULL,
    signature TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL,
    crl_sha256 TEXT NOT NULL,
    crl_this_update TEXT NOT NULL,
    crl_next_update TEXT NOT NULL,
    result TEXT NOT NULL,
    verified_at TEXT NOT NULL
);
CREATE INDEX signature_evidence_by_object ON signature_evidence (kind, object_id);
