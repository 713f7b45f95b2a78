-- Requests filed at a public service centre by its operator on the applicant's behalf.
ALTER TABLE applications ADD COLUMN channel TEXT;
ALTER TABLE applications ADD COLUMN filed_by TEXT;
ALTER TABLE applications ADD COLUMN representative_iin TEXT;
ALTER TABLE applications ADD COLUMN paper_documents TEXT;
