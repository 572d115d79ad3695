package io.microplatform.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.microplatform.starter.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Resilience4j circuit breaker per route, named after the route, in the registry whose breakers Spring
 * Cloud CircuitBreaker exports as {@code resilience4j_circuitbreaker_*} metrics. When a route's settings change,
 * its breaker is replaced by one built from the new settings (it starts closed again).
 */
class RouteCircuitBreakers {

    private static final Logger log = LoggerFactory.getLogger(RouteCircuitBreakers.class);

    private final CircuitBreakerRegistry registry;
    private final Map<String, Built> breakers = new ConcurrentHashMap<>();

    RouteCircuitBreakers(CircuitBreakerRegistry registry) {
        this.registry = registry;
    }

    CircuitBreaker forRoute(String routeId, ResilienceProperties.CircuitBreaker settings) {
        Built built = breakers.get(routeId);
        if (built != null && built.settings().equals(settings)) {
            return built.breaker();
        }
        return breakers.compute(routeId, (id, previous) -> {
            if (previous != null && previous.settings().equals(settings)) {
                return previous;
            }
            CircuitBreakerConfig config = config(settings);
            CircuitBreaker breaker;
            if (registry.find(id).isPresent()) {
                breaker = CircuitBreaker.of(id, config);
                registry.replace(id, breaker);
                log.info("Circuit breaker of route {} rebuilt from changed settings: {}", id, settings);
            }
            else {
                breaker = registry.circuitBreaker(id, config);
            }
            breaker.getEventPublisher().onStateTransition(event -> log.warn("Circuit breaker of route {}: {}", id,
                    event.getStateTransition()));
            return new Built(settings, breaker);
        }).breaker();
    }

    static CircuitBreakerConfig config(ResilienceProperties.CircuitBreaker settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .recordException(RouteCircuitBreakers::isServiceFailure)
                .build();
    }

    /** A refusal of the client's own request (too large, forbidden) says nothing about the service's health. */
    static boolean isServiceFailure(Throwable error) {
        return !(error instanceof ProblemException problem && problem.status().is4xxClientError());
    }

    private record Built(ResilienceProperties.CircuitBreaker settings, CircuitBreaker breaker) {
    }
}
