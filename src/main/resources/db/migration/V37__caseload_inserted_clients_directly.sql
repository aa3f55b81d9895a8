-- The caseload relation for newly inserted clients, without recomputing it (issue 10: a CSV import of
-- 50,000 clients in one statement).
--
-- A client row that was just inserted has no sessions yet: a session names an existing client, so none can
-- refer to a client inserted by this very statement. caseload_expected therefore holds exactly one row for it
-- (its therapist, DIRECT or PRIMARY), and there is nothing of it to delete or to serialize against other
-- transactions' session changes (which cannot see the row before it commits). Inserting that row directly is
-- the same result as caseload_sync() at a fraction of the cost; every other change still goes through
-- caseload_sync(), and caseload_differences() checks the result after every integration test.
create or replace function caseload_client_inserted() returns trigger language plpgsql as $$
begin
    insert into caseload (practice_id, member_id, client_id, category, sort_name)
    select n.practice_id, n.therapist_id, n.id, case n.kind when 'DIRECT' then 'DIRECT' else 'PRIMARY' end,
           lower(n.full_name)
    from changed n;
    return null;
end $$;
