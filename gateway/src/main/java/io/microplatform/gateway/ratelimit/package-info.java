/**
 * Rate limiting: a token bucket per route and per user, API key or client address, kept in Redis so that
 * every gateway instance shares it, and decided by one atomic script on the Redis server's clock.
 *
 * <p>Configuration ({@code microplatform.gateway.rate-limit}) is validated at start-up: a burst capacity of 0
 * or below the replenish rate is refused with a message that says why, instead of silently changing what is
 * limited. When Redis does not answer within {@code redis-timeout}, each route fails open or closed as it is
 * configured to; then for {@code redis-retry-interval} no request waits for Redis, one request tries again,
 * and each transition is logged once and visible in {@code gateway.ratelimit.redis.available}.
 */
package io.microplatform.gateway.ratelimit;
