-- @title (w6) the same flip with the triggers off: the bare write
-- @bind practice = practice
-- @bind therapist = therapist

set session_replication_role = replica;

update session set status = case when status = 'SCHEDULED' then 'CANCELLED' else 'SCHEDULED' end
where practice_id = :practice
  and id = (select s.id from session s where s.practice_id = :practice and s.therapist_id = :therapist
            and s.status in ('SCHEDULED', 'CANCELLED') and s.starts_at > now() order by s.starts_at, s.id limit 1)
