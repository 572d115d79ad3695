package io.microplatform.starter.problem;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class ReactiveProblemHandlerTest {

    private final ReactiveProblemHandler handler = new ReactiveProblemHandler(ServerCodecConfigurer.create());

    @Test
    void refusedConnectionDownstreamIsServiceUnavailableWithRetryAfter() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/cache/x"));
        handler.handle(exchange, new IllegalStateException("wrapped", new ConnectException("Connection refused"))).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"type\":\"urn:microplatform:problem:service-unavailable\"")
                .contains("\"instance\":\"/api/cache/x\"");
    }

    @Test
    void keepsARetryAfterThatTheCallerAlreadySet() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/orders"));
        exchange.getResponse().getHeaders().set("Retry-After", "30");
        handler.handle(exchange, new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "degraded")).block();

        assertThat(exchange.getResponse().getHeaders().get("Retry-After")).containsExactly("30");
    }

    @Test
    void mapsStatusesAndTimeouts() {
        assertThat(ReactiveProblemHandler.toProblem(new ResponseStatusException(HttpStatus.NOT_FOUND)).getDetail())
                .isEqualTo("no route or resource matches this path");
        assertThat(ReactiveProblemHandler.toProblem(new TimeoutException("slow")).getStatus()).isEqualTo(504);
        assertThat(ReactiveProblemHandler.toProblem(new IllegalStateException("secret")).getDetail())
                .doesNotContain("secret");
    }

    /**
     * The tracer's log correlation works on scopes: whatever is logged while the request's observation is open
     * on the thread carries its ids. Without automatic context propagation nothing opens it on the event loop,
     * so the handler opens it itself from the Reactor context, where WebFlux keeps it.
     */
    @Test
    void linesLoggedForARequestCarryItsTraceIds() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onScopeOpened(Observation.Context context) {
                MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
            }

            @Override
            public void onScopeClosed(Observation.Context context) {
                MDC.remove("traceId");
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        Observation request = Observation.start("http.server.requests", registry);
        Logger logger = (Logger) LoggerFactory.getLogger(ReactiveProblemHandler.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/cache/x"));
            handler.handle(exchange, new ConnectException("Connection refused"))
                    .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, request))
                    .block();
        }
        finally {
            logger.detachAppender(lines);
            request.stop();
        }

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).startsWith("downstream refused the connection");
            assertThat(line.getMDCPropertyMap()).containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        });
        assertThat(MDC.get("traceId")).isNull();
    }
}
