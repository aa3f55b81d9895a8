-- Name search within one practice.
--
-- The trigram index over lower(full_name) held every practice's clients: a search for "ingrid z" in a
-- 50,000-client practice collected the ~660 matches of all practices and threw ~630 away after reading
-- each row (~22 ms at a million clients). With practice_id in the same GIN index (btree_gin), the
-- practice is one more key the index intersects before any row is read.
create extension if not exists btree_gin;
create index client_name_search_idx on client using gin (practice_id, lower(full_name) gin_trgm_ops);
drop index client_name_trgm_idx;
