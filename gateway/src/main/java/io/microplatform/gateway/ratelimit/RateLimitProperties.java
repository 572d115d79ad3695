package io.microplatform.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * Redis token buckets per route ({@code microplatform.gateway.rate-limit}). Routes without an entry are not
 * limited.
 *
 * @param redisTimeout how long a request waits for Redis's answer before the route's
 * {@code when-redis-unavailable} decides instead
 * @param redisRetryInterval once Redis is down, how long routes decide without asking it (no request waits for a
 * Redis that is known to be down); then one request tries again
 * @param redisDownAfter how long Redis's answers must keep coming too late, none in time, before Redis counts as
 * down (a connection that cannot be made counts at once); until then only the requests whose answer was late
 * decide without it. {@code 0}: the first late answer
 * @param leaseWindow how far ahead a gateway instance may take tokens from a busy bucket, as time at the route's
 * replenish rate: each instance then asks Redis once per lease instead of once per request, and may hold up to
 * {@code replenish-rate * lease-window} tokens of a bucket for up to a second (never more than the bucket had:
 * the limit holds, a little of it can sit unused on an instance). Routes where that is under two requests'
 * tokens are not leased; {@code 0} turns leasing off everywhere. Refusals are remembered either way (until the
 * bucket can have refilled), so a key over its limit does not cost a Redis call per request
 * @param trustedProxies how many proxies in front of the gateway append to {@code X-Forwarded-For} (an ingress
 * controller: 1); 0 uses the address of the connection itself
 * @param routes per route id: its limit
 */
@ConfigurationProperties("microplatform.gateway.rate-limit")
@Validated
public record RateLimitProperties(
        @DefaultValue("100ms") @NotNull Duration redisTimeout,
        @DefaultValue("2s") @NotNull Duration redisRetryInterval,
        @DefaultValue("500ms") @NotNull Duration redisDownAfter,
        @DefaultValue("20ms") @NotNull Duration leaseWindow,
        @DefaultValue("0") @Min(0) int trustedProxies,
        Map<String, @Valid RouteLimit> routes) {

    public RateLimitProperties {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
    }

    @AssertTrue(message = "redis-down-after must not be negative")
    public boolean isRedisDownAfterNotNegative() {
        return redisDownAfter == null || !redisDownAfter.isNegative();
    }

    @AssertTrue(message = "lease-window must be between 0 (no leases) and 1s: a longer window would let one "
            + "gateway instance hold more than a second of a route's tokens")
    public boolean isLeaseWindowAtMostOneSecond() {
        return leaseWindow == null || !leaseWindow.isNegative() && leaseWindow.compareTo(TokenLeases.TTL) <= 0;
    }

    /**
     * A token bucket: it holds at most {@code burstCapacity} tokens, gains {@code replenishRate} per second, and
     * each request takes {@code requestedTokens}. Sustained, {@code replenishRate / requestedTokens} requests per
     * second pass; after a quiet moment, {@code burstCapacity / requestedTokens} at once.
     *
     * @param key whose bucket a request draws from: the authenticated user, the API key, or the client address
     * @param whenRedisUnavailable let requests through ({@code fail-open}: the limit is protection, not a
     * business rule) or refuse them with 503 ({@code fail-closed}: the limit protects something that must not be
     * overrun)
     */
    public record RouteLimit(
            @Min(value = 1, message = "must be at least 1 token per second") int replenishRate,
            @Min(value = 1, message = "must be at least 1: a burst capacity of 0 would refuse every request, "
                    + "or in Spring Cloud Gateway's own limiter disable limiting altogether") int burstCapacity,
            @DefaultValue("1") @Min(1) int requestedTokens,
            @DefaultValue("ip") @NotNull KeyType key,
            @DefaultValue("fail-open") @NotNull RedisUnavailable whenRedisUnavailable) {

        @AssertTrue(message = "burst-capacity must not be smaller than replenish-rate: the bucket could never hold "
                + "one second's tokens, and limiters that accept this silently stop limiting as configured")
        public boolean isBurstCapacityAtLeastReplenishRate() {
            return burstCapacity >= replenishRate;
        }

        @AssertTrue(message = "requested-tokens must not exceed burst-capacity: no request could ever pass")
        public boolean isRequestedTokensWithinBurstCapacity() {
            return requestedTokens <= burstCapacity;
        }
    }

    public enum KeyType {
        /** The authenticated user (the token's subject); anonymous requests fall back to the client address. */
        USER,
        /** The {@code X-API-Key} header (hashed, never stored as sent); without one, the client address. */
        API_KEY,
        /** The client address. */
        IP
    }

    public enum RedisUnavailable {
        FAIL_OPEN, FAIL_CLOSED
    }
}
