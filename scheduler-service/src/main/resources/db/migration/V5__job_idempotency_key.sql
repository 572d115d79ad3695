-- A job submitted with an Idempotency-Key: the key names the job it made, with the request it made it for (a
-- replay of the same request answers with that job; the same key with another request is refused). Claimed in
-- the transaction that inserts the job, so a job never exists without its key or a key without its job.
create table job_key (
    idempotency_key text        primary key,
    job_id          uuid        not null references schedule (id) deferrable initially deferred,
    request         jsonb       not null,
    created_at      timestamptz not null default now()
);
