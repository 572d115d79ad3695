package io.microplatform.gateway.resilience;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fallback of a route whose service cannot answer: a degradable read gets the last good response with
 * {@code X-Degraded: true}; anything else, or a read with nothing kept, gets 503 problem+json with
 * {@code Retry-After}. Counted in {@code gateway.degraded.responses} by route, outcome and cause.
 */
class DegradedResponses {

    static final String DEGRADED_HEADER = "X-Degraded";

    private static final Logger log = LoggerFactory.getLogger(DegradedResponses.class);

    private final LastGoodResponses lastGood;
    private final MeterRegistry meters;
    private final Map<String, PathPattern> patterns = new ConcurrentHashMap<>();

    DegradedResponses(LastGoodResponses lastGood, MeterRegistry meters) {
        this.lastGood = lastGood;
        this.meters = meters;
    }

    /** Why the route is degraded: says what happened in the problem's detail and the metric. */
    enum Cause {
        FORCED("the route is switched to degraded mode (planned maintenance)"),
        CIRCUIT_OPEN("the service failed repeatedly and the gateway stopped calling it for a while (circuit open)"),
        TIMEOUT("the service did not answer in time; a write may or may not have been done, so retry it with the "
                + "same Idempotency-Key"),
        UNAVAILABLE("the service is not reachable");

        private final String detail;

        Cause(String detail) {
            this.detail = detail;
        }
    }

    boolean isDegradableRead(ServerHttpRequest request, ResilienceProperties.Degradation degradation) {
        if (request.getMethod() != HttpMethod.GET || degradation.cachedReads().isEmpty()) {
            return false;
        }
        PathContainer path = request.getPath().pathWithinApplication();
        return matches(path, degradation.cachedReads());
    }

    private boolean matches(PathContainer path, List<String> cachedReads) {
        for (String pattern : cachedReads) {
            if (patterns.computeIfAbsent(pattern, PathPatternParser.defaultInstance::parse).matches(path)) {
                return true;
            }
        }
        return false;
    }

    Mono<Void> respond(ServerWebExchange exchange, String routeId, ResilienceProperties.RoutePolicy policy,
            Cause cause) {
        Duration retryAfter = policy.circuitBreaker().waitDurationInOpenState();
        if (!isDegradableRead(exchange.getRequest(), policy.degradation())) {
            return unavailable(exchange, routeId, cause, retryAfter, cause.detail);
        }
        String key = LastGoodResponses.key(routeId, pathAndQuery(exchange.getRequest()));
        return lastGood.find(key)
                .onErrorResume(error -> {
                    log.warn("No fallback for {}: the kept responses in Redis are not reachable ({})", key,
                            error.toString());
                    return Mono.empty();
                })
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(kept -> kept.isPresent() ? writeKept(exchange, routeId, cause, kept.get())
                        : unavailable(exchange, routeId, cause, retryAfter,
                                cause.detail + "; no earlier response to this request is kept"));
    }

    static String pathAndQuery(ServerHttpRequest request) {
        String query = request.getURI().getRawQuery();
        return request.getPath().value() + (query == null ? "" : "?" + query);
    }

    private Mono<Void> writeKept(ServerWebExchange exchange, String routeId, Cause cause,
            LastGoodResponses.KeptResponse kept) {
        count(routeId, "kept_response", cause);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.set(DEGRADED_HEADER, "true");
        headers.set(HttpHeaders.AGE, Long.toString(Math.max(0, Duration.between(kept.keptAt(), Instant.now()).toSeconds())));
        headers.setCacheControl("no-store");
        if (kept.contentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, kept.contentType());
        }
        if (kept.contentEncoding() != null) {
            headers.set(HttpHeaders.CONTENT_ENCODING, kept.contentEncoding());
        }
        headers.setContentLength(kept.body().length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(kept.body())));
    }

    private Mono<Void> unavailable(ServerWebExchange exchange, String routeId, Cause cause, Duration retryAfter,
            String detail) {
        count(routeId, "unavailable", cause);
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return Mono.error(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                detail + "; retry in " + seconds + " s"));
    }

    private void count(String routeId, String outcome, Cause cause) {
        Counter.builder("gateway.degraded.responses")
                .description("Fallback answers: a kept response or a 503")
                .tags("route", routeId, "outcome", outcome, "cause", cause.name().toLowerCase())
                .register(meters)
                .increment();
    }
}
