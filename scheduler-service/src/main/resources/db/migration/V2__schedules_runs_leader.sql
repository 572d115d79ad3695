-- Schedules, their runs, the work-queue outbox, the leader's fence and the ledger task's table.
-- The one-shot jobs of V1 become one-shot schedules; the old table goes.
drop table job;

create table schedule (
    id             uuid         primary key,
    name           varchar(100) not null,
    task           varchar(50)  not null,
    payload        text         not null default '{}',
    cron           varchar(120),
    zone           varchar(64)  not null default 'UTC',
    fixed_rate_ms  bigint,
    run_at         timestamptz,
    max_attempts   integer      not null,
    backoff_ms     bigint       not null,
    misfire        varchar(10)  not null,
    concurrency    varchar(10)  not null,
    timeout_ms     bigint       not null,
    state          varchar(10)  not null,
    next_fire_at   timestamptz,
    last_fire_at   timestamptz,
    created_at     timestamptz  not null default now(),
    constraint schedule_one_trigger check (
        (cron is not null)::int + (fixed_rate_ms is not null)::int + (run_at is not null)::int = 1)
);
create index ix_schedule_due on schedule (next_fire_at) where state = 'ACTIVE';

-- A fire can be recorded once, whatever the leaders do: (schedule_id, fire_time) is unique.
create table run (
    id             uuid         primary key,
    schedule_id    uuid         not null references schedule (id),
    fire_time      timestamptz  not null,
    status         varchar(10)  not null,
    attempts       integer      not null default 0,
    worker         varchar(200),
    fencing_token  bigint       not null,
    queued_at      timestamptz  not null default now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    error          text,
    constraint run_fired_once unique (schedule_id, fire_time)
);
create index ix_run_schedule on run (schedule_id, fire_time desc);
create index ix_run_status on run (status, queued_at desc);

-- Messages for Kafka, written in the transaction that decided them: a fire, a retry (due later) or a dead
-- letter. The relay publishes due rows and deletes them.
create table work_outbox (
    id          bigserial    primary key,
    topic       varchar(100) not null,
    message_key varchar(100) not null,
    payload     text         not null,
    due_at      timestamptz  not null default now(),
    created_at  timestamptz  not null default now()
);
create index ix_work_outbox_due on work_outbox (due_at, id);

-- The leader's fence: the highest token granted, bumped by each new leader. A fire commits only while its
-- leader's token is still the highest (see the leader package).
create table leader_fence (
    name     varchar(100) primary key,
    token    bigint       not null,
    holder   varchar(200),
    since    timestamptz
);
insert into leader_fence (name, token) values ('scheduler-leader', 0);

-- The ledger task's effect, one row per run, guarded by the token of the leader that fired the run: a
-- write with a token lower than one already written is refused.
create table ledger (
    id             bigserial    primary key,
    run_id         uuid         not null unique,
    schedule_id    uuid         not null,
    fire_time      timestamptz  not null,
    fencing_token  bigint       not null,
    worker         varchar(200),
    written_at     timestamptz  not null default now()
);
create table ledger_fence (
    schedule_id    uuid         primary key,
    highest_token  bigint       not null
);
