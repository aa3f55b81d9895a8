-- @title (w3) a client renamed (PATCH fullName), the relation's sort key kept by the trigger
-- @bind practice = practice
-- @bind therapist = therapist

update client set full_name = case when full_name like '% ~' then left(full_name, -2) else full_name || ' ~' end
where practice_id = :practice
  and id = (select c.id from client c where c.practice_id = :practice and c.therapist_id = :therapist
            order by c.id limit 1)
