-- @title (w1) a session's status flips (Completed <-> No-show), relation and counts kept by the triggers
-- What POST /sessions/{id}/complete or /no-show writes, without the request: one statement whose triggers
-- re-derive the client's caseload rows (V23) and append the practice's counts (V33).
-- @bind practice = practice
-- @bind therapist = therapist

update session set status = case when status = 'COMPLETED' then 'NO_SHOW' else 'COMPLETED' end
where practice_id = :practice
  and id = (select s.id from session s where s.practice_id = :practice and s.therapist_id = :therapist
            and s.status in ('COMPLETED', 'NO_SHOW') order by s.starts_at, s.id limit 1)
