-- @title (w4) the same rename with the triggers off: the bare write
-- @bind practice = practice
-- @bind therapist = therapist

set session_replication_role = replica;

update client set full_name = case when full_name like '% ~' then left(full_name, -2) else full_name || ' ~' end
where practice_id = :practice
  and id = (select c.id from client c where c.practice_id = :practice and c.therapist_id = :therapist
            order by c.id limit 1)
