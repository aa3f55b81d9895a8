-- The clinical half: supervision, clients (with assignment and risk history), sessions with their
-- notes. Every table is practice-owned: practice_id first in the primary key and in every foreign key.

create extension if not exists btree_gist;
create extension if not exists pg_trgm;

-- Supervisor <-> supervisee assignments, with history: a row is current while ended_at is null.
create table supervision (
    practice_id   uuid        not null references practice (id),
    id            uuid        not null,
    supervisee_id uuid        not null,
    supervisor_id uuid        not null,
    started_at    timestamptz not null,
    started_by    uuid        not null,
    ended_at      timestamptz,
    ended_by      uuid,
    primary key (practice_id, id),
    foreign key (practice_id, supervisee_id) references member (practice_id, id),
    foreign key (practice_id, supervisor_id) references member (practice_id, id),
    foreign key (practice_id, started_by) references member (practice_id, id),
    foreign key (practice_id, ended_by) references member (practice_id, id),
    check (supervisee_id <> supervisor_id),
    check (ended_at is null or ended_at >= started_at)
);
-- At most one current supervision of the same pair, even under concurrent requests.
create unique index supervision_current_key on supervision (practice_id, supervisee_id, supervisor_id)
    where ended_at is null;
create index supervision_supervisor_idx on supervision (practice_id, supervisor_id, supervisee_id)
    where ended_at is null;

create table client (
    practice_id   uuid        not null references practice (id),
    id            uuid        not null,
    full_name     text        not null check (length(full_name) between 1 and 200),
    date_of_birth date        not null,
    email         text        check (length(email) <= 320),
    phone         text        check (length(phone) <= 50),
    kind          text        not null check (kind in ('DIRECT', 'PRACTICE')),
    -- The assigned therapist of a direct client, the primary therapist of a practice client.
    therapist_id  uuid        not null,
    status        text        not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE', 'DISCHARGED')),
    risk_level    text        not null default 'NONE'
                              check (risk_level in ('NONE', 'LOW', 'MODERATE', 'HIGH', 'IMMINENT')),
    created_at    timestamptz not null default now(),
    created_by    uuid        not null,
    primary key (practice_id, id),
    foreign key (practice_id, therapist_id) references member (practice_id, id),
    foreign key (practice_id, created_by) references member (practice_id, id)
);
-- The practice-wide list, keyset-paged by name.
create index client_name_idx on client (practice_id, lower(full_name), id);
-- A therapist's caseload (and the visibility policy's "assigned or primary" branch), by name.
create index client_therapist_idx on client (practice_id, therapist_id, lower(full_name), id);
-- Name search (q=) without scanning the practice.
create index client_name_trgm_idx on client using gin (lower(full_name) gin_trgm_ops);

-- Every change of assigned/primary therapist: who, when, from, to. from is null at registration.
create table client_assignment (
    practice_id       uuid        not null,
    id                uuid        not null,
    client_id         uuid        not null,
    at                timestamptz not null,
    by_member_id      uuid        not null,
    from_therapist_id uuid,
    to_therapist_id   uuid        not null,
    primary key (practice_id, id),
    foreign key (practice_id, client_id) references client (practice_id, id),
    foreign key (practice_id, by_member_id) references member (practice_id, id),
    foreign key (practice_id, from_therapist_id) references member (practice_id, id),
    foreign key (practice_id, to_therapist_id) references member (practice_id, id)
);
create index client_assignment_client_idx on client_assignment (practice_id, client_id, at desc, id desc);

create table client_risk (
    practice_id  uuid        not null,
    id           uuid        not null,
    client_id    uuid        not null,
    at           timestamptz not null,
    by_member_id uuid        not null,
    level        text        not null check (level in ('NONE', 'LOW', 'MODERATE', 'HIGH', 'IMMINENT')),
    note         text        check (length(note) <= 2000),
    primary key (practice_id, id),
    foreign key (practice_id, client_id) references client (practice_id, id),
    foreign key (practice_id, by_member_id) references member (practice_id, id)
);
create index client_risk_client_idx on client_risk (practice_id, client_id, at desc, id desc);

-- One appointment of one client with one rendering therapist, with its clinical note.
create table session (
    practice_id         uuid        not null,
    id                  uuid        not null,
    client_id           uuid        not null,
    therapist_id        uuid        not null,
    starts_at           timestamptz not null,
    ends_at             timestamptz not null,
    duration_minutes    int         not null check (duration_minutes between 1 and 480),
    service_code        text        not null check (service_code ~ '^[0-9A-Z]{5}$'),
    charge_cents        bigint      not null check (charge_cents >= 0),
    status              text        not null default 'SCHEDULED'
                                    check (status in ('SCHEDULED', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
    -- Snapshots taken when the session is scheduled and again when it takes place (completed):
    -- a later role or supervision change does not rewrite old claims.
    billing_modifier    text        check (billing_modifier in ('HO', 'HN', 'HP', 'HL', 'HM', 'AH', 'AJ')),
    supervisor_id       uuid,
    note_status         text        not null default 'NONE'
                                    check (note_status in ('NONE', 'DRAFT', 'AWAITING_COSIGN', 'SIGNED')),
    note_text           text        check (length(note_text) <= 100000),
    note_signed_at      timestamptz,
    note_cosigned_by    uuid,
    note_cosigned_at    timestamptz,
    scheduled_by        uuid        not null,
    created_at          timestamptz not null default now(),
    primary key (practice_id, id),
    foreign key (practice_id, client_id) references client (practice_id, id),
    foreign key (practice_id, therapist_id) references member (practice_id, id),
    foreign key (practice_id, supervisor_id) references member (practice_id, id),
    foreign key (practice_id, note_cosigned_by) references member (practice_id, id),
    foreign key (practice_id, scheduled_by) references member (practice_id, id),
    check (ends_at > starts_at),
    -- No double-booking of a therapist, decided by the database even under concurrent requests.
    constraint session_no_overlap exclude using gist (
        practice_id with =, therapist_id with =, tstzrange(starts_at, ends_at) with &&)
        where (status <> 'CANCELLED')
);
create index session_client_idx on session (practice_id, client_id, starts_at desc, id desc);
create index session_therapist_idx on session (practice_id, therapist_id, starts_at desc, id desc);
-- Walk-ins: the practice clients a therapist has a non-cancelled session with.
create index session_therapist_client_idx on session (practice_id, therapist_id, client_id)
    where status <> 'CANCELLED';
-- Pending notes: completed sessions whose note is not final.
create index session_pending_note_idx on session (practice_id, starts_at desc, id desc)
    where status = 'COMPLETED' and note_status <> 'SIGNED';
-- Claims: completed sessions with a final note, by date.
create index session_claim_idx on session (practice_id, starts_at, id)
    where status = 'COMPLETED' and note_status = 'SIGNED';
