-- The licence register: a licence's holder (a person or a company), licensor, sub-types,
-- category, lineage (the licence it re-issued, the one that replaced it) and where it came
-- from (the portal, or typed in from paper by its holder); results that are documents of their
-- own (annexes, duplicates, commissions' decisions, refusals, status changes), each signed;
-- a refusal's category; the language a request was made in; the portal's own signing key.
CREATE TABLE result_documents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    number TEXT,
    licence_number TEXT,
    application_id TEXT,
    holder_iin TEXT,
    subtypes TEXT,
    outcome TEXT,
    grounds TEXT,
    lang TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    summary TEXT NOT NULL,
    signature TEXT,
    signer_certificate TEXT,
    signer_name TEXT,
    signer_iin TEXT,
    signed_at TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX result_documents_one_per_case ON result_documents (application_id, kind)
    WHERE application_id IS NOT NULL;
CREATE INDEX result_documents_licence ON result_documents (licence_number);
CREATE INDEX result_documents_holder ON result_documents (holder_iin, kind);

-- A passed attestation was issued as a licence before: it is the commission's decision.
INSERT INTO result_documents (id, kind, number, application_id, holder_iin, outcome, lang, issued_on,
    pdf_sha256, summary, signature, signer_certificate, signer_name, signed_at, status, created_at)
SELECT l.number, 'attestation', a.number, l.application_id, l.holder_iin, 'passed', 'ru', l.issued_on,
    l.pdf_sha256, l.payload, l.signature, l.signer_certificate, l.signer_name, l.signed_at,
    CASE WHEN l.signature IS NULL THEN 'pending_signature' ELSE 'signed' END, l.issued_on
FROM licences l LEFT JOIN applications a ON a.id = l.application_id
WHERE l.service_code = 'BAIL-ATT';

-- The licence table is rebuilt: a licence entered from paper comes from the request that named
-- it, so one application may stand behind two rows (the paper licence and its re-issue).
CREATE TABLE licences_register (
    number TEXT PRIMARY KEY,
    application_id TEXT REFERENCES applications (id),
    holder_iin TEXT NOT NULL,
    holder_kind TEXT NOT NULL,
    holder_name TEXT NOT NULL,
    holder_search TEXT,
    service_code TEXT NOT NULL,
    service_version BIGINT NOT NULL,
    provider TEXT,
    subtypes TEXT,
    category TEXT,
    issued_on TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    payload TEXT NOT NULL,
    signature TEXT,
    signer_certificate TEXT,
    signer_name TEXT,
    signed_at TEXT,
    status TEXT NOT NULL,
    previous_number TEXT,
    replaced_by TEXT,
    replaced_on TEXT,
    source TEXT NOT NULL,
    lang TEXT NOT NULL
);
INSERT INTO licences_register (number, application_id, holder_iin, holder_kind, holder_name, holder_search,
    service_code, service_version, provider, issued_on, pdf_sha256, payload, signature, signer_certificate,
    signer_name, signed_at, status, source, lang)
SELECT l.number, l.application_id, l.holder_iin,
    CASE WHEN a.applicant_bin IS NOT NULL AND a.applicant_bin <> '' THEN 'company' ELSE 'person' END,
    l.holder_name, LOWER(l.holder_name), l.service_code, l.service_version, a.provider, l.issued_on,
    l.pdf_sha256, l.payload, l.signature, l.signer_certificate, l.signer_name, l.signed_at, l.status,
    'portal', 'ru'
FROM licences l LEFT JOIN applications a ON a.id = l.application_id
WHERE l.service_code <> 'BAIL-ATT';
DROP TABLE licences;
ALTER TABLE licences_register RENAME TO licences;
CREATE UNIQUE INDEX licences_one_per_case ON licences (application_id) WHERE source = 'portal';
CREATE INDEX licences_holder ON licences (holder_iin);
CREATE INDEX licences_holder_search ON licences (holder_kind, holder_search);

ALTER TABLE applications ADD COLUMN refusal_reason TEXT;
ALTER TABLE applications ADD COLUMN lang TEXT;

CREATE TABLE portal_keys (
    name TEXT PRIMARY KEY,
    pkcs8 TEXT NOT NULL,
    created_at TEXT NOT NULL
);
