-- Issue 9, bulk reassignment of 10,000 clients in <= 1 s: a move of clients from one therapist to another is
-- one history row listing them, as its audit entry is, instead of one client_assignment row per client.
--
-- The per-client rows cost 0.35 s of a 10,000-client move at a million clients (a heap row and two index
-- entries each, and four foreign-key checks each: 40,000 key lookups). A client's history is now its
-- registration (client_assignment, and the moves made before this migration) followed by the moves that
-- list it (this table), found through the GIN index on the list.
--
-- The list has no foreign key (PostgreSQL has none for array elements); clients are never deleted, and
-- every id in it came from the same statement that moved the client, in the same transaction.
create table client_move (
    practice_id       uuid        not null,
    id                uuid        not null,
    at                timestamptz not null,
    by_member_id      uuid        not null,
    from_therapist_id uuid        not null,
    to_therapist_id   uuid        not null,
    client_ids        uuid[]      not null check (cardinality(client_ids) > 0),
    primary key (practice_id, id),
    foreign key (practice_id, by_member_id) references member (practice_id, id),
    foreign key (practice_id, from_therapist_id) references member (practice_id, id),
    foreign key (practice_id, to_therapist_id) references member (practice_id, id)
);
-- Written straight into the index (no pending list): a 10,000-client move is then 10,000 entry inserts in
-- its own statement (tens of milliseconds), never a later writer's clean-up of everyone's pending entries.
create index client_move_client_idx on client_move using gin (client_ids) with (fastupdate = off);
