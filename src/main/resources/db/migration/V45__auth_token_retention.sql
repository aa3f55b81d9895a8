-- Sign-in tokens that have ended are deleted a day after they end (AuthTokens.deleteEnded, hourly), except
-- each account's newest, which says where the account last signed in (a password reset's confirmation
-- signs in there). Every sign-in adds a row; without this the table grew by one row per sign-in forever.
--
-- The index serves that newest-token question (asked at a password reset, which scanned the whole table),
-- the reset's revocation of an account's tokens, and the purge's own "is there a newer one".
create index auth_token_account_idx on auth_token (account_id, created_at desc);
