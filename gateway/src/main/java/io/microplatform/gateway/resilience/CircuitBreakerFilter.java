package io.microplatform.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.microplatform.gateway.config.LiveProperties;
import io.microplatform.gateway.config.MatchedRoute;
import io.microplatform.gateway.resilience.DegradedResponses.Cause;
import io.microplatform.starter.problem.ProblemException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeoutException;


/**
 * The route's circuit breaker, time limiter and fallback, around its retries. One client request is one call
 * of the breaker, however many attempts it took. Errors (refused connections, no healthy instance), running out
 * of the time limiter, and the route's {@code failure-statuses} count as failures.
 *
 * <p>The fallback answers when the breaker is open, when the call failed or timed out, and, for degradable
 * reads, when the service answered 502, 503 or 504. A service's own error response otherwise reaches the client
 * as it is: it says more than the gateway could. With {@code degradation.forced} the service is not called.
 */
class CircuitBreakerFilter implements GlobalFilter, Ordered {

    /** After rate limiting (a refused request is no call), around retries. */
    static final int ORDER = 20;

    private final LiveProperties<ResilienceProperties> settings;
    private final RouteCircuitBreakers breakers;
    private final DegradedResponses degraded;

    CircuitBreakerFilter(LiveProperties<ResilienceProperties> settings, RouteCircuitBreakers breakers,
            DegradedResponses degraded) {
        this.settings = settings;
        this.breakers = breakers;
        this.degraded = degraded;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ResilienceProperties properties = settings.get();
        MatchedRoute<ResilienceProperties.RoutePolicy> route = MatchedRoute.find(exchange, properties.routes());
        if (route == null) {
            return chain.filter(exchange);
        }
        String routeId = route.id();
        ResilienceProperties.RoutePolicy policy = route.settings();
        if (policy.degradation().forced()) {
            return degraded.respond(exchange, routeId, policy, Cause.FORCED);
        }
        if (!policy.circuitBreaker().enabled()) {
            return chain.filter(exchange);
        }
        CircuitBreaker breaker = breakers.forRoute(routeId, policy.circuitBreaker());
        return Mono.defer(() -> chain.filter(exchange))
                .then(Mono.defer(() -> failureStatus(exchange, policy)))
                .timeout(properties.timeouts().circuitBreaker())
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorResume(error -> recover(exchange, routeId, policy, error));
    }

    private static Mono<Void> failureStatus(ServerWebExchange exchange, ResilienceProperties.RoutePolicy policy) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status != null && policy.circuitBreaker().failureStatuses().contains(status.value())
                ? Mono.error(new FailureStatus(status.value())) : Mono.empty();
    }

    private Mono<Void> recover(ServerWebExchange exchange, String routeId, ResilienceProperties.RoutePolicy policy,
            Throwable error) {
        if (error instanceof ProblemException problem && problem.status().is4xxClientError()) {
            return Mono.error(error);
        }
        if (error instanceof FailureStatus failure) {
            boolean unavailable = failure.status == 502 || failure.status == 503 || failure.status == 504;
            if (!unavailable || !degraded.isDegradableRead(exchange.getRequest(), policy.degradation())) {
                // counted as a failure, but the service's own answer goes to the client
                return Mono.empty();
            }
        }
        ServerWebExchangeUtils.reset(exchange);
        return degraded.respond(exchange, routeId, policy, causeOf(error));
    }

    private static Cause causeOf(Throwable error) {
        if (error instanceof CallNotPermittedException) {
            return Cause.CIRCUIT_OPEN;
        }
        boolean timedOut = error instanceof TimeoutException
                || error instanceof ResponseStatusException status && status.getStatusCode().value() == 504;
        return timedOut ? Cause.TIMEOUT : Cause.UNAVAILABLE;
    }

    /** A response status that the breaker counts as a failure; carries no stack, it is no exceptional event. */
    static final class FailureStatus extends RuntimeException {

        final int status;

        FailureStatus(int status) {
            super("downstream answered " + status, null, false, false);
            this.status = status;
        }
    }
}
