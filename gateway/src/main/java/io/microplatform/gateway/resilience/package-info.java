/**
 * Resilience per route ({@code microplatform.gateway.resilience}): one timeout budget, Resilience4j circuit
 * breakers with fallbacks that degrade rather than fail, and retries that fail over to another instance.
 *
 * <p>Filters, from the outside in: {@code RequestDeadlineFilter} (the response timeout), the rate limiter,
 * {@code CircuitBreakerFilter} (breaker, time limiter, fallback, the degradation switch), {@code RetryFilter}
 * (failover of idempotent requests), then Spring Cloud Gateway's load balancer and HTTP client with the
 * per-attempt timeout. {@code LastGoodResponseFilter} sits around the writing of the response body and keeps
 * good responses of degradable reads in Redis for the fallback.
 *
 * <p>Breakers are created on a route's first request and replaced when its settings change; their state is
 * exported by Spring Cloud CircuitBreaker's Micrometer binding as {@code resilience4j_circuitbreaker_state}.
 */
package io.microplatform.gateway.resilience;
