/**
 * Tracing across the platform. Boot exports the spans of Micrometer Observation through Brave to a Zipkin
 * server (the same backend kind in every mode: the dev stack runs one, compose and Kubernetes have one), with
 * W3C {@code traceparent} in and out; the sampling rate, the endpoint and the Kafka observations are set once
 * in {@code config/application.yml}. What this package adds is what Boot cannot know:
 * <ul>
 * <li>{@link io.microplatform.starter.tracing.TraceParents}: a transactional outbox keeps the request's trace.
 * The context is stored with the row in the business transaction and the relay publishes under it, so the
 * consumer's span descends from the request that caused the event, not from a poll of the relay.</li>
 * <li>{@link io.microplatform.starter.tracing.SeataXidSpanAttribute}: the Seata XID on the spans of a global
 * transaction, as a span attribute only (a metric tag per transaction would explode the metrics).</li>
 * </ul>
 * Observations of {@code @Scheduled} methods are off: the outbox relays and the scheduler's fire loop poll
 * every 50-200 ms, and a trace per poll would drown the traces of requests.
 */
package io.microplatform.starter.tracing;
