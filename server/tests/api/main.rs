//! Server integration tests: each test boots the real server on port 0 with its own fresh
//! database, once on SQLite and once on PostgreSQL (when `TEST_POSTGRES_URL` is set).

mod helpers;

mod chain;
mod drafts;
mod following;
mod instances;
mod joints;
mod operations;
mod paging;
mod permissions;
mod process;
mod refusals;
mod register;
mod services;
mod signatures;
