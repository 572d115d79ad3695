/**
 * The gateway: the platform's only public entry. Routes ({@code config/gateway.yml}) send {@code /api/<area>/**}
 * to {@code lb://<service>}, resolved by simple discovery in the local mode and by Consul in docker and k8s.
 * Errors, including a downstream service that is down, leave as {@code application/problem+json}
 * (platform-starter's reactive handler).
 *
 * <p>One package per pattern ({@code ratelimit}, {@code resilience}, {@code loadbalancer}, {@code security}),
 * each a set of global filters that read their per-route settings from {@code microplatform.gateway.*}
 * ({@link io.microplatform.gateway.config.MatchedRoute}). They take the place of Spring Cloud Gateway's
 * {@code RequestRateLimiter}, {@code CircuitBreaker} and {@code Retry} route filters because those cannot give
 * what the platform promises:
 * <ul>
 * <li>{@code RequestRateLimiter} with {@code RedisRateLimiter} asks Redis on every request, lets every request
 * through when Redis fails, and accepts a burst below the rate (which silently changes what is limited). Ours
 * validates the settings at start-up, chooses fail-open or fail-closed per route with a short Redis timeout,
 * and leases tokens so that a busy key is not a Redis round trip per request.</li>
 * <li>{@code CircuitBreaker} falls back by forwarding to a URI and brings a time limiter of its own (1 s by
 * default) beside the route's response timeout. Ours keeps one timeout budget, counts the route's
 * {@code failure-statuses}, and degrades reads to the last good response kept in Redis.</li>
 * <li>{@code Retry} knows methods, not idempotency, and retries on whichever instance the load balancer picks
 * again. Ours retries a POST only with an {@code Idempotency-Key}, sends the attempt to an instance not yet
 * tried, and sits inside the breaker so that the breaker counts one call per client request.</li>
 * </ul>
 * The settings change without a restart ({@link io.microplatform.gateway.config.LiveProperties}), with no
 * route refresh.
 */
package io.microplatform.gateway;
