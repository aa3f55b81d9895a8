-- Failed attempts at the public doors (sign-in, second factor, invitation links, sign-up), counted
-- per account and per client address in fixed windows. Kept in the database so that the limit
-- holds across every app node. Keys are SHA-256 hashes: no emails or addresses in clear here.
create table sign_in_throttle (
    scope        text        not null check (length(scope) <= 40),
    key_hash     bytea       not null,
    window_start timestamptz not null,
    failures     int         not null,
    primary key (scope, key_hash)
);
