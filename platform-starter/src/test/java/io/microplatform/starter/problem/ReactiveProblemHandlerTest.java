package io.microplatform.starter.problem;

import org.junit.jupiter.api.Test;
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
}
