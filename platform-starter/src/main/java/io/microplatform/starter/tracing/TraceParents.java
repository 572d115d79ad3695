package io.microplatform.starter.tracing;

import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace context that outlives the thread of the request that made it: captured as a W3C {@code traceparent}
 * where work is written down (an outbox row, a schedule, a TCC try's action context) and restored where it is
 * carried out later (the relay, the leader's fire, the coordinator's phase two), so that the later work is part
 * of the request's trace instead of a trace of its own.
 */
public final class TraceParents {

    /** The W3C header, and the name under which the context is stored. */
    public static final String HEADER = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceParents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span's {@code traceparent}, or {@code null} outside a trace (or with tracing off). */
    public String current() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return null;
        }
        return of(span.context());
    }

    /**
     * {@link #current()}, or {@code ""} outside a trace: for a TCC try's action-context parameter
     * ({@link TccPhaseTwoSpans#TRACEPARENT}), which Seata refuses when it is {@code null}.
     */
    public String currentOrEmpty() {
        String current = current();
        return current == null ? "" : current;
    }

    private String of(TraceContext context) {
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /**
     * Runs {@code work} in a new span named {@code name}: a child of {@code traceparent}, or the root of a new
     * trace when it is {@code null} or blank. {@code baggage} travels with every call and message made inside (for the
     * fields configured as remote baggage). Returns the {@code traceparent} of the new span, so that work it
     * writes down can in turn be continued later.
     */
    public String runInSpan(String traceparent, String name, Map<String, String> baggage, Runnable work) {
        try (InSpan span = open(traceparent, name, baggage)) {
            try {
                work.run();
            }
            catch (RuntimeException e) {
                span.error(e);
                throw e;
            }
            return span.traceparent();
        }
    }

    /**
     * Opens what {@link #runInSpan} runs in, for work whose start and end are two callbacks (on one thread) rather
     * than one block: the span is started and in scope, with {@code baggage}, until {@link InSpan#close()}.
     */
    public InSpan open(String traceparent, String name, Map<String, String> baggage) {
        Span.Builder builder = traceparent == null || traceparent.isBlank() ? tracer.spanBuilder().setNoParent()
                : propagator.extract(Map.of(HEADER, traceparent), (carrier, key) -> carrier.get(key));
        Span span = builder.name(name).start();
        Tracer.SpanInScope scope = tracer.withSpan(span);
        List<BaggageInScope> inScope = new ArrayList<>();
        baggage.forEach((key, value) -> {
            if (value != null) {
                inScope.add(tracer.createBaggageInScope(key, value));
            }
        });
        return new InSpan(span, scope, inScope);
    }

    /** A started span in scope; {@link #close()} takes it out of scope (baggage first) and ends it. */
    public final class InSpan implements AutoCloseable {

        private final Span span;
        private final Tracer.SpanInScope scope;
        private final List<BaggageInScope> baggage;

        private InSpan(Span span, Tracer.SpanInScope scope, List<BaggageInScope> baggage) {
            this.span = span;
            this.scope = scope;
            this.baggage = baggage;
        }

        /** The span's {@code traceparent}, or {@code null} with tracing off. */
        public String traceparent() {
            return span.isNoop() ? null : of(span.context());
        }

        public InSpan tag(String key, String value) {
            span.tag(key, value);
            return this;
        }

        public void error(Throwable error) {
            span.error(error);
        }

        @Override
        public void close() {
            try {
                baggage.forEach(BaggageInScope::close);
                scope.close();
            }
            finally {
                span.end();
            }
        }
    }
}
