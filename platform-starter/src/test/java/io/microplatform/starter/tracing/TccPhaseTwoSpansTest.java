package io.microplatform.starter.tracing;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.seata.integration.tx.api.fence.hook.TccHook;
import org.apache.seata.integration.tx.api.fence.hook.TccHookManager;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The phase-two hook driven as Seata's {@code TCCResourceManager} drives it (every registered hook before and
 * after the confirm or cancel, on the calling thread), with Boot's Brave tracer; finished spans are kept in
 * memory here instead of being sent to Zipkin.
 */
class TccPhaseTwoSpansTest {

    private static final String XID = "tc:8091:4711";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BraveAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, TracingAutoConfiguration.class))
            .withBean(FinishedSpans.class, FinishedSpans::new)
            .withPropertyValues("management.tracing.sampling.probability=1.0",
                    "management.tracing.baggage.remote-fields=seata.xid");

    @Test
    void aConfirmIsASpanOfTheRequestWhoseTryStoredItsContext() {
        runner.run(context -> {
            Tracer tracer = context.getBean(Tracer.class);
            Span request = tracer.nextSpan().name("request").start();
            String stored;
            try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
                stored = context.getBean(TraceParents.class).current();
            }
            finally {
                request.end();
            }

            AtomicReference<Span> inside = new AtomicReference<>();
            AtomicReference<String> baggage = new AtomicReference<>();
            confirm("inventory-stock-reservation", actionContext(stored), () -> {
                inside.set(tracer.currentSpan());
                baggage.set(tracer.getBaggage(SeataXidSpanAttribute.KEY).get());
            });

            assertThat(inside.get().context().traceId()).isEqualTo(request.context().traceId());
            assertThat(inside.get().context().parentId()).isEqualTo(request.context().spanId());
            assertThat(baggage.get()).as("travels on the calls and messages of the confirm").isEqualTo(XID);
            assertThat(tracer.currentSpan()).as("nothing left in scope").isNull();
            MutableSpan confirm = context.getBean(FinishedSpans.class).named("tcc confirm inventory-stock-reservation");
            assertThat(confirm.id()).isEqualTo(inside.get().context().spanId());
            assertThat(confirm.parentId()).isEqualTo(request.context().spanId());
            assertThat(confirm.tags()).containsEntry(SeataXidSpanAttribute.KEY, XID);
            assertThat(confirm.finishTimestamp()).as("ended after the confirm").isPositive();
        });
    }

    @Test
    void aCancelWithoutAStoredContextIsATraceOfItsOwn() {
        runner.run(context -> {
            Tracer tracer = context.getBean(Tracer.class);
            AtomicReference<Span> inside = new AtomicReference<>();
            cancel("order-placement", new BusinessActionContext(XID, "7", new HashMap<>(Map.of("orderId", "o-1"))),
                    () -> inside.set(tracer.currentSpan()));

            assertThat(inside.get().context().parentId()).isNull();
            MutableSpan cancel = context.getBean(FinishedSpans.class).named("tcc cancel order-placement");
            assertThat(cancel.parentId()).isNull();
            assertThat(cancel.tags()).containsEntry(SeataXidSpanAttribute.KEY, XID);
            assertThat(tracer.currentSpan()).isNull();
        });
    }

    @Test
    void aTryOutsideATraceStoredNothingToContinue() {
        runner.run(context -> {
            TraceParents traceParents = context.getBean(TraceParents.class);
            String stored = traceParents.currentOrEmpty();
            assertThat(stored).as("never null: Seata refuses a null action-context parameter").isEmpty();

            confirm("order-placement", actionContext(stored), () -> { });
            assertThat(context.getBean(FinishedSpans.class).named("tcc confirm order-placement").parentId()).isNull();
        });
    }

    @Test
    void anUnsampledRequestHasNoContextToStore() {
        runner.withPropertyValues("management.tracing.sampling.probability=0.0").run(context -> {
            Tracer tracer = context.getBean(Tracer.class);
            Span request = tracer.nextSpan().name("request").start();
            try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
                // what most TCC tries see at a sampling rate below 1: a null parameter would fail each of them
                assertThat(context.getBean(TraceParents.class).currentOrEmpty()).isEmpty();
            }
            finally {
                request.end();
            }
        });
    }

    @Test
    void aSecondContextInTheJvmDoesNotDoubleTheSpansAndClosingItHandsPhaseTwoBack() {
        runner.run(first -> {
            runner.run(second -> {
                assertThat(platformHooks()).as("one hook per JVM").isEqualTo(1);
                confirm("order-placement", actionContext(null), () -> { });
                assertThat(second.getBean(FinishedSpans.class).spans).singleElement()
                        .satisfies(span -> assertThat(span.name()).isEqualTo("tcc confirm order-placement"));
                assertThat(first.getBean(FinishedSpans.class).spans).isEmpty();
            });
            assertThat(platformHooks()).isEqualTo(1);
            cancel("order-placement", actionContext(null), () -> { });
            assertThat(first.getBean(FinishedSpans.class).spans).singleElement()
                    .satisfies(span -> assertThat(span.name()).isEqualTo("tcc cancel order-placement"));
        });
    }

    @Test
    void anAfterWithoutItsBeforeChangesNothing() {
        runner.run(context -> {
            // Seata calls the after-hooks in a finally, also when it failed before calling the before-hooks
            TccHookManager.getHooks().forEach(hook -> hook.afterTccCommit(XID, 1L, "order-placement", null));
            assertThat(context.getBean(Tracer.class).currentSpan()).isNull();
            assertThat(context.getBean(FinishedSpans.class).spans).isEmpty();
        });
    }

    @Test
    void withoutSeataTccThereIsNoHook() {
        runner.withClassLoader(new FilteredClassLoader(TccHookManager.class))
                .run(context -> assertThat(context).hasSingleBean(TraceParents.class)
                        .doesNotHaveBean(TccPhaseTwoSpans.class));
    }

    private static void confirm(String action, BusinessActionContext context, Runnable phaseTwo) {
        List<TccHook> hooks = TccHookManager.getHooks();
        hooks.forEach(hook -> hook.beforeTccCommit(XID, 1L, action, context));
        try {
            phaseTwo.run();
        }
        finally {
            hooks.forEach(hook -> hook.afterTccCommit(XID, 1L, action, context));
        }
    }

    private static void cancel(String action, BusinessActionContext context, Runnable phaseTwo) {
        List<TccHook> hooks = TccHookManager.getHooks();
        hooks.forEach(hook -> hook.beforeTccRollback(XID, 1L, action, context));
        try {
            phaseTwo.run();
        }
        finally {
            hooks.forEach(hook -> hook.afterTccRollback(XID, 1L, action, context));
        }
    }

    /** What the coordinator hands back: the try's parameters (here its caller's trace context). */
    private static BusinessActionContext actionContext(String traceparent) {
        Map<String, Object> values = new HashMap<>();
        if (traceparent != null) {
            values.put(TccPhaseTwoSpans.TRACEPARENT, traceparent);
        }
        return new BusinessActionContext(XID, "1", values);
    }

    private static long platformHooks() {
        return TccHookManager.getHooks().stream()
                .filter(hook -> hook.getClass().getEnclosingClass() == TccPhaseTwoSpans.class).count();
    }

    /** The spans this context's tracer finished. */
    static final class FinishedSpans extends SpanHandler {

        final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

        @Override
        public boolean end(TraceContext context, MutableSpan span, Cause cause) {
            if (cause == Cause.FINISHED) {
                spans.add(span);
            }
            return true;
        }

        MutableSpan named(String name) {
            return spans.stream().filter(span -> name.equals(span.name())).findFirst().orElseThrow();
        }
    }
}
