-- The trace context of the request (or of the TCC phase two) that wrote the event (W3C traceparent, 55
-- characters), so that the relay publishes under it and the event's consumers belong to that request's trace.
alter table outbox add column traceparent varchar(64);
