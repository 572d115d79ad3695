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
 * <li>{@link io.microplatform.starter.tracing.TccPhaseTwoSpans}: a TCC participant's confirm and cancel, which the
 * coordinator calls back outside any request, run in a span of the request whose try they complete.</li>
 * </ul>
 *
 * <h2>TCC phase two</h2>
 * Two halves. Capture is explicit: the try takes its caller's context as a parameter,
 * {@code @BusinessActionContextParameter(paramName = TccPhaseTwoSpans.TRACEPARENT) String traceparent}, passed
 * {@link io.microplatform.starter.tracing.TraceParents#currentOrEmpty()} (Seata refuses a {@code null} parameter, so
 * "no trace" is {@code ""}). Seata's {@code ActionInterceptorHandler} registers the branch with the annotated
 * parameters as its application data, in the branch-register call it makes anyway; a value put into the action context after that (from a prepare hook, or with
 * {@code BusinessActionContextUtil.addContext}) marks the context updated, and Seata then sends it to the
 * coordinator in a branch-report call of its own (at once, or when the try ends with {@code isDelayReport}): one more
 * round trip per try, which is why the platform does not capture the context behind the participant's back.
 * Restore is generic: Seata's {@code TCCResourceManager} runs the registered {@code TccHook}s before and after each
 * confirm and cancel on the calling thread, and the platform's hook opens the span there and ends it after. The
 * hook registry is static, so the hook is registered once per JVM whatever the number of Spring contexts in it.
 * Seata does not tell the hook whether the phase failed: a failed confirm is Seata's error line, logged while the
 * span is in scope (so with its trace id), and the coordinator's retry is another span beside it.
 *
 * <h2>Left out</h2>
 * Observations of {@code @Scheduled} methods are off: the outbox relays and the scheduler's fire loop poll
 * every 50-200 ms, and a trace per poll would drown the traces of requests.
 */
package io.microplatform.starter.tracing;
