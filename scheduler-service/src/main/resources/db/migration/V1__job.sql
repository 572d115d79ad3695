create table job (
    id          uuid         primary key,
    name        varchar(100) not null,
    payload     text         not null default '',
    status      varchar(16)  not null,
    attempts    integer      not null default 0,
    worker      varchar(200),
    created_at  timestamptz  not null default now(),
    finished_at timestamptz
);
create index ix_job_created on job (created_at desc);
