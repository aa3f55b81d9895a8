-- The audit trail (SPEC §8, HIPAA §164.312(b)): an append-only record of who did what to which
-- record, in which practice, when and from where. Rows are written in the same transaction as the
-- change they record, so a change without its audit row cannot commit.
--
-- Deliberately without foreign keys: the trail outlives everything it mentions, and a failed
-- sign-in of an unknown email has neither practice nor account. Retention is at least six years;
-- nothing in the application deletes from this table, and the triggers below refuse it.
create table audit_event (
    id               uuid        primary key,
    at               timestamptz not null,
    -- Null only for sign-in attempts that cannot be tied to a practice (unknown email).
    practice_id      uuid,
    actor_account_id uuid,
    actor_member_id  uuid,
    action           text        not null check (length(action) between 1 and 64),
    target_type      text        check (length(target_type) <= 32),
    target_id        uuid,
    -- Every client a read returned (a list records all of them); also the client of a change.
    client_ids       uuid[]      not null default '{}',
    ip               text        check (length(ip) <= 64),
    -- Ids and enum values only; never names or clinical text.
    detail           jsonb       not null default '{}'::jsonb
);
create index audit_event_practice_idx on audit_event (practice_id, at desc, id desc);
create index audit_event_actor_idx on audit_event (practice_id, actor_member_id, at desc, id desc);
create index audit_event_target_idx on audit_event (practice_id, target_id);
create index audit_event_clients_idx on audit_event using gin (client_ids);

-- Append-only, enforced by the database itself. The embedded database connects as a superuser,
-- for whom privileges do not apply, so a trigger is what holds everywhere. On an external
-- database, also run the application as a non-owner role and
--   revoke update, delete, truncate on audit_event from caseload_app;
-- (see docs/security.md).
create function audit_event_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_event is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_is_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_is_append_only();
