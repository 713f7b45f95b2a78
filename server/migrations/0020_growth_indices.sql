-- Lists that stay as fast with a million cases as with ten thousand: each page is read in
-- its index's order, after the last row of the page before (keyset), never by sorting or
-- skipping the whole history.
-- The cabinet: a person's cases, newest first.
CREATE INDEX applications_cabinet ON applications (applicant_id, created_at, id);
-- The officer's decided cases, newest first.
CREATE INDEX applications_decided ON applications (provider, decided_at, id);
