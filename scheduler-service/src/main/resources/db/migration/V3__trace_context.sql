-- Trace context (W3C traceparent) kept across the scheduler's two hand-offs, so that a job is one trace from
-- the request that submitted it to the worker that ran it: a one-shot schedule keeps its creator's context for
-- the leader's fire, and a work message the context of whatever decided it (the fire, a failed attempt).
alter table schedule add column traceparent varchar(64);
alter table work_outbox add column traceparent varchar(64);
