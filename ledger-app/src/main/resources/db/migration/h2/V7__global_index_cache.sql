-- H2 hands out identity values from a cache of 32 and, each time the cache runs out, writes the sequence
-- in a commit of its own: a durable store of every changed page (WRITE_DELAY=0), i.e. one extra store per
-- 32 appended events, 31 extra stores in a 1000-event batch (a fifth of its time, docs/performance.md).
-- A cache of 1000 makes that one per 1000 events. The price is a jump of at most 1000 in the global index
-- after a crash (never on a clean shutdown), a gap the tracking tokens already handle like any other.
ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex SET CACHE 1000;
