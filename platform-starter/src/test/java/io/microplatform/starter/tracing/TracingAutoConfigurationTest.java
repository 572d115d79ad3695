package io.microplatform.starter.tracing;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.seata.core.context.RootContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** With Boot's Brave tracer, as the services run it (W3C propagation, {@code seata.xid} as remote baggage). */
class TracingAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BraveAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, TracingAutoConfiguration.class))
            .withPropertyValues("management.tracing.sampling.probability=1.0",
                    "management.tracing.baggage.remote-fields=seata.xid");

    @AfterEach
    void unbind() {
        RootContext.unbind();
    }

    @Test
    void theTraceContextOfARequestIsCapturedAndContinuedLaterWithTheXidAsBaggage() {
        runner.run(context -> {
            Tracer tracer = context.getBean(Tracer.class);
            TraceParents traceParents = context.getBean(TraceParents.class);
            assertThat(traceParents.current()).as("outside a trace").isNull();

            Span request = tracer.nextSpan().name("request").start();
            String stored;
            try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
                stored = traceParents.current();
            }
            finally {
                request.end();
            }
            assertThat(stored).isEqualTo("00-" + request.context().traceId() + "-" + request.context().spanId() + "-01");

            AtomicReference<Span> inside = new AtomicReference<>();
            AtomicReference<String> baggage = new AtomicReference<>();
            String continued = traceParents.runInSpan(stored, "outbox publish", Map.of("seata.xid", "tc:8091:42"), () -> {
                inside.set(tracer.currentSpan());
                baggage.set(tracer.getBaggage("seata.xid").get());
            });
            assertThat(inside.get().context().traceId()).isEqualTo(request.context().traceId());
            assertThat(inside.get().context().parentId()).isEqualTo(request.context().spanId());
            assertThat(baggage.get()).isEqualTo("tc:8091:42");
            assertThat(continued).isEqualTo("00-" + request.context().traceId() + "-" + inside.get().context().spanId() + "-01");
            assertThat(tracer.currentSpan()).as("nothing left in scope").isNull();
        });
    }

    @Test
    void workWithoutAStoredContextStartsATraceOfItsOwn() {
        runner.run(context -> {
            Tracer tracer = context.getBean(Tracer.class);
            AtomicReference<Span> inside = new AtomicReference<>();
            context.getBean(TraceParents.class).runInSpan(null, "scheduler fire", Map.of(),
                    () -> inside.set(tracer.currentSpan()));
            assertThat(inside.get().context().parentId()).isNull();
        });
    }

    @Test
    void theXidIsASpanAttributeOfObservationsInsideAGlobalTransactionOnly() {
        runner.run(context -> {
            SeataXidSpanAttribute handler = context.getBean(SeataXidSpanAttribute.class);

            Observation.Context outside = new Observation.Context();
            handler.onStart(outside);
            assertThat(outside.getHighCardinalityKeyValue(SeataXidSpanAttribute.KEY)).isNull();

            RootContext.bind("tc:8091:7");
            Observation.Context inside = new Observation.Context();
            handler.onStart(inside);
            assertThat(inside.getHighCardinalityKeyValue(SeataXidSpanAttribute.KEY))
                    .isEqualTo(KeyValue.of("seata.xid", "tc:8091:7"));
            assertThat(inside.getLowCardinalityKeyValues()).as("never a metric tag").isEmpty();
        });
    }

    @Test
    void anIncomingRequestOfAGlobalTransactionIsTaggedFromItsHeader() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/inventory/stock/at");
        request.addHeader(RootContext.KEY_XID, "tc:8091:9");
        ServerRequestObservationContext server = new ServerRequestObservationContext(request, new MockHttpServletResponse());
        new SeataXidSpanAttribute().onStart(server);
        assertThat(server.getHighCardinalityKeyValue(SeataXidSpanAttribute.KEY)).isEqualTo(KeyValue.of("seata.xid", "tc:8091:9"));
    }

    @Test
    void withoutSeataThereIsNoXidHandler() {
        runner.withClassLoader(new FilteredClassLoader(RootContext.class))
                .run(context -> assertThat(context).hasSingleBean(TraceParents.class)
                        .doesNotHaveBean(SeataXidSpanAttribute.class));
    }

    @Test
    void aServicesOwnBeansWin() {
        runner.withBean(SeataXidSpanAttribute.class, SeataXidSpanAttribute::new)
                .run(context -> assertThat(context).hasSingleBean(SeataXidSpanAttribute.class));
    }
}
