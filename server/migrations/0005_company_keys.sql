-- A company key (OU=BIN…, a role under 1.2.398.3.3.4.1.2) signs in for its company: the session
-- acts for that company, and the application records the company as the applicant.
ALTER TABLE sessions ADD COLUMN acting_bin TEXT;
ALTER TABLE sessions ADD COLUMN acting_role TEXT;
ALTER TABLE sessions ADD COLUMN acting_organisation TEXT;
ALTER TABLE applications ADD COLUMN applicant_bin TEXT;
ALTER TABLE applications ADD COLUMN applicant_organisation TEXT;
ALTER TABLE signature_evidence ADD COLUMN signer_bin TEXT;
ALTER TABLE signature_evidence ADD COLUMN signer_role TEXT;
