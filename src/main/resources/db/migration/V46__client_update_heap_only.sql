-- Issue 9, bulk reassignment: a change of a client's therapist writes no index entry of the client.
--
-- PostgreSQL updates a row "heap-only" (HOT: the new version on the same page, no new entry in any index)
-- when no indexed column changes and the page has room. client_therapist_idx put the therapist in an index,
-- so every move wrote a new entry in all four of the client's indexes (the trigram GIN among them): about
-- half of a 10,000-client move's own time. Its uses now go through the relation's (member, name) index,
-- whose DIRECT and PRIMARY rows are exactly the assigned therapist's: the list's therapist filter reads the
-- therapist's rows in name order (ClientVisibility.pagePredicate), the bulk move, the removal hand-over and
-- FHIR's general-practitioner search join them (ClientVisibility.assignedTo).
--
-- The fillfactor leaves a tenth of each page free for new versions. It applies to pages written from now on;
-- a table that is already full gains room as vacuum frees the old versions of its updates (or at once with
-- VACUUM FULL client, which locks the table while it rewrites it).
drop index client_therapist_idx;
alter table client set (fillfactor = 90);
