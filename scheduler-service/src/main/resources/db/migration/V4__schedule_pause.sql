-- The periods a schedule was paused. Its fires in them are not made up (resume goes on from now), so a gap in
-- its runs there is by request, and the audit tells such a gap from a lost fire by these rows.
create table schedule_pause (
    schedule_id  uuid        not null references schedule (id),
    paused_at    timestamptz not null,
    resumed_at   timestamptz,
    primary key (schedule_id, paused_at)
);
