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
 * where work is written down (an outbox row, a schedule) and restored where it is carried out later (the relay,
 * the leader's fire), so that the later work is part of the request's trace instead of a trace of its own.
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

    private String of(TraceContext context) {
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /**
     * Runs {@code work} in a new span named {@code name}: a child of {@code traceparent}, or the root of a new
     * trace when it is {@code null}. {@code baggage} travels with every call and message made inside (for the
     * fields configured as remote baggage). Returns the {@code traceparent} of the new span, so that work it
     * writes down can in turn be continued later.
     */
    public String runInSpan(String traceparent, String name, Map<String, String> baggage, Runnable work) {
        Span.Builder builder = traceparent == null ? tracer.spanBuilder().setNoParent()
                : propagator.extract(Map.of(HEADER, traceparent), (carrier, key) -> carrier.get(key));
        Span span = builder.name(name).start();
        List<BaggageInScope> inScope = new ArrayList<>();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            baggage.forEach((key, value) -> {
                if (value != null) {
                    inScope.add(tracer.createBaggageInScope(key, value));
                }
            });
            work.run();
            return span.isNoop() ? null : of(span.context());
        }
        catch (RuntimeException e) {
            span.error(e);
            throw e;
        }
        finally {
            inScope.forEach(BaggageInScope::close);
            span.end();
        }
    }
}
