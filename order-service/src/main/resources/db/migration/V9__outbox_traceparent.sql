-- The trace context of the request that wrote the event (W3C traceparent, 55 characters), so that the relay
-- publishes under it and the event's consumers belong to the request's trace.
alter table outbox add column traceparent varchar(64);
