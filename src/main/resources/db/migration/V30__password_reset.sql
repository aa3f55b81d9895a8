-- "Forgot password" (SPEC §1b): single-use reset links. Only the SHA-256 of the token is stored;
-- the token itself exists only in the mail. Global like auth_token (an account may have no
-- current practice), so not keyed by practice.
create table password_reset (
    token_hash bytea       primary key,
    account_id uuid        not null references account (id),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    -- Set when the link is used, and on every other unused link of the account at that moment.
    used_at    timestamptz
);
create index password_reset_account_idx on password_reset (account_id) where used_at is null;

-- Why a sign-in was ended, where the browser should be told something more specific than
-- "signed out": a reset password ends every sign-in of the account.
alter table auth_token add column revoked_reason text check (revoked_reason in ('PASSWORD_RESET'));
