-- Documents an official signs with their EDS besides the licence: decisions at a step (a
-- refusal, a notice, a conclusion, an order) and the attestation commission's protocol. The
-- exact bytes signed are kept with the signature, so the document can be verified later as
-- it was signed. One signature per object.
CREATE TABLE signed_documents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    application_id TEXT,
    document TEXT NOT NULL,
    signature TEXT NOT NULL,
    signer_certificate TEXT NOT NULL,
    signer_iin TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    signed_at TEXT NOT NULL
);
CREATE UNIQUE INDEX signed_documents_object ON signed_documents (kind, object_id);
CREATE INDEX signed_documents_application ON signed_documents (application_id);
