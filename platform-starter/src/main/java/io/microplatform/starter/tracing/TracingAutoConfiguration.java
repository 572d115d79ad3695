package io.microplatform.starter.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.integration.tx.api.fence.hook.TccHookManager;
import org.apache.seata.rm.tcc.TCCResourceManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * The platform's additions to Boot's tracing: {@link TraceParents} (trace context kept across an outbox) and,
 * in Seata clients, {@link SeataXidSpanAttribute} and (with TCC) {@link TccPhaseTwoSpans}. The tracer, the
 * exporter and their settings are Boot's, configured once for all services in {@code config/application.yml}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration" })
@ConditionalOnClass(Tracer.class)
public final class TracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({ Tracer.class, Propagator.class })
    TraceParents traceParents(Tracer tracer, Propagator propagator) {
        return new TraceParents(tracer, propagator);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ RootContext.class, HttpServletRequest.class, ServerRequestObservationContext.class })
    static class SeataXid {

        @Bean
        @ConditionalOnMissingBean
        SeataXidSpanAttribute seataXidSpanAttribute() {
            return new SeataXidSpanAttribute();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ TccHookManager.class, TCCResourceManager.class })
    static class SeataTccPhaseTwo {

        /** Closed with the context, which hands phase two back to another open context's tracer. */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        @ConditionalOnBean({ Tracer.class, Propagator.class })
        TccPhaseTwoSpans tccPhaseTwoSpans(TraceParents traceParents) {
            return TccPhaseTwoSpans.register(traceParents);
        }
    }
}
