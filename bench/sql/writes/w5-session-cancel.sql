-- @title (w5) a future session flips Scheduled <-> Cancelled: the relation re-derived for its client by the trigger
-- What POST /sessions/{id}/cancel writes (and the same session booked again), without the request: cancelling
-- can move the relation (a walk-in's last session), so the trigger re-derives the client's rows under its lock.
-- @bind practice = practice
-- @bind therapist = therapist

update session set status = case when status = 'SCHEDULED' then 'CANCELLED' else 'SCHEDULED' end
where practice_id = :practice
  and id = (select s.id from session s where s.practice_id = :practice and s.therapist_id = :therapist
            and s.status in ('SCHEDULED', 'CANCELLED') and s.starts_at > now() order by s.starts_at, s.id limit 1)
