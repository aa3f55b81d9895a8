-- The practice's time zone (SPEC §2b): an IANA region id such as 'America/Chicago'. Every date
-- and time the dashboard shows or takes is in this zone; instants stay UTC in the database and
-- the API. The name is validated against the JVM's zone database in Java (PracticeTimeZone);
-- the database only insists that there is one.
alter table practice
    add column time_zone text not null default 'America/New_York'
        constraint practice_time_zone_present check (length(btrim(time_zone)) > 0);
