-- The team foundation: practices, accounts, roles, members, sign-in tokens, invitations, mail outbox.
--
-- Distribution (Citus): every practice-owned table is keyed by practice_id first, and every
-- foreign key between practice-owned tables includes practice_id, so each table can be
-- distributed by practice_id and co-located. Tables that are not practice-owned (account,
-- account_membership, auth_token) are small, global lookups: reference tables in Citus.

create table practice (
    id                  uuid        primary key,
    name                text        not null check (length(name) between 1 and 200),
    supervision_enabled boolean     not null default false,
    created_at          timestamptz not null default now()
);

-- A person who can sign in. Email is unique across the whole system, case-insensitively.
create table account (
    id            uuid        primary key,
    email         text        not null check (length(email) between 3 and 320),
    full_name     text        not null check (length(full_name) between 1 and 200),
    password_hash text        not null,
    created_at    timestamptz not null default now()
);
create unique index account_email_key on account (lower(email));

create table role (
    practice_id          uuid    not null references practice (id),
    id                   uuid    not null,
    name                 text    not null check (length(name) between 1 and 100),
    description          text    not null default '' check (length(description) <= 2000),
    -- Feature overrides only: {"clients.reassign": true}; features not named follow the catalogue default.
    features             jsonb   not null default '{}'::jsonb,
    requires_supervision boolean not null default false,
    can_supervise        boolean not null default false,
    billing_modifier     text    check (billing_modifier in ('HO', 'HN', 'HP', 'HL', 'HM', 'AH', 'AJ')),
    created_at           timestamptz not null default now(),
    -- Deleting a role hides it; the row stays because former members' history refers to it.
    deleted_at           timestamptz,
    primary key (practice_id, id)
);
create unique index role_name_key on role (practice_id, lower(name)) where deleted_at is null;

-- A membership of one account in one practice. Removal keeps the row (history stays).
create table member (
    practice_id uuid        not null references practice (id),
    id          uuid        not null,
    account_id  uuid        not null references account (id),
    role_id     uuid        not null,
    status      text        not null check (status in ('ACTIVE', 'ON_HOLD', 'INACTIVE')),
    admin       boolean     not null default false,
    joined_at   timestamptz not null default now(),
    removed_at  timestamptz,
    primary key (practice_id, id),
    foreign key (practice_id, role_id) references role (practice_id, id)
);
create index member_account_idx on member (account_id);
create index member_role_idx on member (practice_id, role_id);

-- One practice at a time, enforced by the database: an account has at most one current
-- membership, because account_id is this table's primary key. A row exists from acceptance
-- (or sign-up) until removal from the practice.
create table account_membership (
    account_id  uuid primary key references account (id),
    practice_id uuid not null,
    member_id   uuid not null,
    foreign key (practice_id, member_id) references member (practice_id, id)
);

-- Bearer tokens and web sign-ins. Only the SHA-256 of the token is stored.
create table auth_token (
    token_hash   bytea       primary key,
    account_id   uuid        not null references account (id),
    practice_id  uuid        not null,
    member_id    uuid        not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz not null default now(),
    revoked_at   timestamptz,
    foreign key (practice_id, member_id) references member (practice_id, id)
);
create index auth_token_member_idx on auth_token (practice_id, member_id) where revoked_at is null;

create table invitation (
    practice_id  uuid        not null references practice (id),
    id           uuid        not null,
    full_name    text        not null check (length(full_name) between 1 and 200),
    email        text        not null check (length(email) between 3 and 320),
    role_id      uuid        not null,
    admin        boolean     not null default false,
    -- EXPIRED is stored once noticed; a PENDING row past expires_at is expired all the same.
    status       text        not null check (status in ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED', 'EXPIRED')),
    invited_by   uuid        not null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    responded_at timestamptz,
    member_id    uuid,
    primary key (practice_id, id),
    foreign key (practice_id, role_id) references role (practice_id, id),
    foreign key (practice_id, invited_by) references member (practice_id, id),
    foreign key (practice_id, member_id) references member (practice_id, id)
);
-- At most one pending invitation per email in a practice, even under concurrent requests.
create unique index invitation_pending_email_key on invitation (practice_id, lower(email)) where status = 'PENDING';
create index invitation_list_idx on invitation (practice_id, created_at desc, id desc);

-- Every link ever mailed for an invitation, by the SHA-256 of its token. A resend supersedes the
-- earlier links, so an old link answers "replaced" rather than "unknown".
create table invitation_link (
    practice_id   uuid        not null,
    token_hash    bytea       not null,
    invitation_id uuid        not null,
    created_at    timestamptz not null default now(),
    superseded_at timestamptz,
    primary key (practice_id, token_hash),
    foreign key (practice_id, invitation_id) references invitation (practice_id, id)
);

-- Transactional outbox: a mail row commits with the change that caused it; a sender on any
-- node claims due rows with FOR UPDATE SKIP LOCKED and a lease, delivers, and marks them sent.
create table mail_outbox (
    practice_id     uuid        not null references practice (id),
    id              uuid        not null,
    recipient       text        not null,
    subject         text        not null,
    body_text       text        not null,
    created_at      timestamptz not null default now(),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    leased_until    timestamptz,
    sent_at         timestamptz,
    last_error      text,
    primary key (practice_id, id)
);
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where sent_at is null;
