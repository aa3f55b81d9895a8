-- Multi-factor authentication: TOTP (RFC 6238) secrets, single-use recovery codes, and the
-- short-lived challenge between password and second factor.

-- A practice may require MFA of its admins or of everyone.
alter table practice add column mfa_required text not null default 'NONE'
    check (mfa_required in ('NONE', 'ADMINS', 'EVERYONE'));

-- FULL tokens open the API; MFA_ENROLMENT tokens (handed out when the practice requires MFA and
-- the member has not enrolled yet) open only the enrolment endpoints.
alter table auth_token add column scope text not null default 'FULL'
    check (scope in ('FULL', 'MFA_ENROLMENT'));

create table mfa_credential (
    account_id     uuid        primary key references account (id),
    secret         bytea       not null,
    created_at     timestamptz not null,
    -- Null while enrolment waits for the first correct code.
    confirmed_at   timestamptz,
    -- The last TOTP time step accepted: a code works once (RFC 6238 §5.2).
    last_used_step bigint      not null default 0
);

create table mfa_recovery_code (
    account_id uuid        not null references account (id),
    code_hash  bytea       not null,
    created_at timestamptz not null,
    used_at    timestamptz,
    primary key (account_id, code_hash)
);

-- Between a right password and the second factor. Only the SHA-256 of the token is stored.
create table mfa_challenge (
    token_hash  bytea       primary key,
    account_id  uuid        not null references account (id),
    practice_id uuid        not null,
    member_id   uuid        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    attempts    int         not null default 0,
    used_at     timestamptz,
    foreign key (practice_id, member_id) references member (practice_id, id)
);
