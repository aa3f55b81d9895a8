-- @title (w2) the same flip with the triggers off (session_replication_role = replica): the bare write
-- @bind practice = practice
-- @bind therapist = therapist

set session_replication_role = replica;

update session set status = case when status = 'COMPLETED' then 'NO_SHOW' else 'COMPLETED' end
where practice_id = :practice
  and id = (select s.id from session s where s.practice_id = :practice and s.therapist_id = :therapist
            and s.status in ('COMPLETED', 'NO_SHOW') order by s.starts_at, s.id limit 1)
