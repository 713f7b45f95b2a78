-- The sandbox's stand-ins keep their own tables, created by the sandbox itself in practice
-- mode (server/src/sandbox/state.rs): a production database has none of them.
DROP TABLE IF EXISTS sandbox_payments;
DROP TABLE IF EXISTS sandbox_revocations;
