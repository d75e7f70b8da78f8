-- H2's V7 widens its identity cache (one durable store per 32 events otherwise). PostgreSQL needs no such
-- change: nextval is not transactional and logs to the WAL once per 32 values; with a cache, each session
-- would reserve its own block and global indexes would commit further out of order (more gaps for the
-- tracking tokens to wait on). Kept as an explicit no-op so both vendors share version numbers.
SELECT 1;
