-- Pending notes (COMPLETED, not signed) by client and by rendering therapist.
--
-- A supervisor's pending notes are those of the clients their lens holds and those their lens rendered
-- (ClientVisibility.sessionPredicate). Through the full session indexes that read every session of ~1,500
-- clients and six therapists (about 14,000 rows at the benchmark's big practice) to keep 300; these hold
-- only the pending ones, so both sides of the OR are short bitmap scans. The by-therapist one also counts
-- a therapist's pending notes for their numbers from the index alone.
create index session_pending_client_idx on session (practice_id, client_id)
    where status = 'COMPLETED' and note_status <> 'SIGNED';
create index session_pending_therapist_idx on session (practice_id, therapist_id)
    where status = 'COMPLETED' and note_status <> 'SIGNED';
