-- The register's search by a company's BIN reads that holder's licences in number order.
-- With only (holder_iin) SQLite's planner took (holder_kind, holder_search) for
-- "holder_iin = ? AND holder_kind = ?" and read every company's licence per search (8 ms at
-- 10^4 cases, seconds at 10^6). This index answers the whole condition and the order; it
-- also serves every read by holder alone, so the narrower one goes.
CREATE INDEX licences_holder_kind ON licences (holder_iin, holder_kind, number);
DROP INDEX licences_holder;
