package io.microplatform.gateway.resilience;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Timeouts, circuit breakers, retries and degradation ({@code microplatform.gateway.resilience}).
 *
 * @param timeouts the one timeout budget of every request
 * @param routes per route id; a route without an entry has no circuit breaker and no retries
 */
@ConfigurationProperties("microplatform.gateway.resilience")
@Validated
public record ResilienceProperties(@DefaultValue @Valid @NotNull Timeouts timeouts,
        Map<String, @Valid RoutePolicy> routes) {

    public ResilienceProperties {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
    }

    /**
     * The timeout budget, from the outside in; each inner timeout fires before the one around it, so the
     * outer ones are safety nets and a client always gets an answer from the gateway, never a dropped
     * connection.
     *
     * @param response the whole request at the gateway: what a client waits at most (504 problem)
     * @param circuitBreaker the time limiter of the circuit breaker: one call through the breaker, retries
     * included; running out counts as a failure and serves the fallback
     * @param downstream one attempt at one instance, until its response headers arrive (the HTTP client's
     * response timeout, {@code spring.cloud.gateway.server.webflux.httpclient.response-timeout}, is set from it)
     */
    public record Timeouts(@DefaultValue("10s") @NotNull Duration response,
            @DefaultValue("8s") @NotNull Duration circuitBreaker,
            @DefaultValue("3s") @NotNull Duration downstream) {

        @AssertTrue(message = "the timeout budget must shrink inwards: response > circuit-breaker > downstream, "
                + "or an outer timeout fires first and the inner one never does what it is there for")
        public boolean isShrinkingInwards() {
            return response.compareTo(circuitBreaker) > 0 && circuitBreaker.compareTo(downstream) > 0;
        }
    }

    public record RoutePolicy(@DefaultValue @Valid CircuitBreaker circuitBreaker, @DefaultValue @Valid Retry retry,
            @DefaultValue @Valid Degradation degradation) {
    }

    /**
     * A Resilience4j circuit breaker over the last {@code slidingWindowSize} calls of the route.
     *
     * @param enabled false to pass every call through
     * @param failureRateThreshold open when at least this percentage of the window failed
     * @param slidingWindowSize how many recent calls the failure rate is computed over
     * @param minimumNumberOfCalls no decision before this many calls in the window
     * @param waitDurationInOpenState how long the breaker stays open before letting trial calls through; also
     * the {@code Retry-After} of the fallback's 503
     * @param permittedCallsInHalfOpenState trial calls that decide whether to close again
     * @param failureStatuses downstream statuses counted as failures (besides errors and timeouts); of these, a
     * 502, 503 or 504 is answered by the fallback, others reach the client as they are
     */
    public record CircuitBreaker(@DefaultValue("true") boolean enabled,
            @DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
            @DefaultValue("20") @Min(1) int slidingWindowSize,
            @DefaultValue("10") @Min(1) int minimumNumberOfCalls,
            @DefaultValue("10s") @NotNull Duration waitDurationInOpenState,
            @DefaultValue("3") @Min(1) int permittedCallsInHalfOpenState,
            @DefaultValue({ "500", "502", "503", "504" }) Set<Integer> failureStatuses) {

        public CircuitBreaker {
            failureStatuses = failureStatuses == null ? Set.of() : Set.copyOf(failureStatuses);
        }
    }

    /**
     * Retries of idempotent requests, each to an instance not yet tried: on a refused or lost connection and
     * on 502 and 503. Exponential backoff with jitter.
     *
     * @param maxAttempts attempts in all, the first included (1: no retries)
     * @param firstBackoff the wait before the first retry; it doubles with each retry up to {@code maxBackoff}
     * @param jitter the fraction of each wait that is random, so that many clients do not retry in step
     * @param methods the methods retried; a POST also is when it carries {@code Idempotency-Key}
     */
    public record Retry(@DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("50ms") @NotNull Duration firstBackoff,
            @DefaultValue("500ms") @NotNull Duration maxBackoff,
            @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double jitter,
            @DefaultValue({ "GET", "HEAD" }) @NotEmpty Set<String> methods) {

        public Retry {
            methods = methods == null ? Set.of() : Set.copyOf(methods);
        }

        @AssertTrue(message = "max-backoff must not be shorter than first-backoff")
        public boolean isBackoffIncreasing() {
            return firstBackoff == null || maxBackoff == null || maxBackoff.compareTo(firstBackoff) >= 0;
        }
    }

    /**
     * What the route answers when its service cannot: reads of {@code cachedReads} paths from the last good
     * response kept in Redis (with {@code X-Degraded: true}), anything else 503 problem with
     * {@code Retry-After}.
     *
     * @param forced serve the fallback without calling the service at all (planned maintenance)
     * @param cachedReads path patterns ({@code /api/inventory/products/**}) whose successful GET responses are
     * kept as the fallback
     * @param cacheTtl how long a kept response may serve as fallback
     * @param cacheRefresh how often the kept copy of one path is renewed (not on every request: copying costs)
     * @param maxCachedSize responses larger than this many bytes are not kept
     */
    public record Degradation(@DefaultValue("false") boolean forced,
            List<String> cachedReads,
            @DefaultValue("24h") @NotNull Duration cacheTtl,
            @DefaultValue("5s") @NotNull Duration cacheRefresh,
            @DefaultValue("262144") @Min(1) int maxCachedSize) {

        public Degradation {
            cachedReads = cachedReads == null ? List.of() : List.copyOf(cachedReads);
        }
    }
}
