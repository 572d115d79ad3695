package io.microplatform.gateway.ratelimit;

import io.microplatform.gateway.ratelimit.RateLimitProperties.RouteLimit;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import java.time.Duration;
import java.util.List;

/** The token buckets in Redis ({@code token-bucket.lua}): one atomic script call per request or lease. */
class TokenBucket {

    /**
     * From a string, not the classpath resource: a script backed by a resource checks the resource for changes
     * (a jar lookup, under a lock) every time its SHA is needed, that is on every request.
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of(load(), List.class);

    private final ReactiveStringRedisTemplate redis;

    TokenBucket(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    private static String load() {
        try {
            return new ClassPathResource("io/microplatform/gateway/ratelimit/token-bucket.lua")
                    .getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("token-bucket.lua is part of the gateway's jar", ex);
        }
    }

    /**
     * Takes the request's tokens from the bucket if it has them, and up to {@code wanted} in all if it has more
     * (a lease); errors if Redis does not answer in time. The timer runs on {@code timer} (the request's event
     * loop).
     */
    Mono<Decision> take(String bucket, RouteLimit limit, int wanted, Duration timeout, Scheduler timer) {
        List<String> args = List.of(Integer.toString(limit.replenishRate()), Integer.toString(limit.burstCapacity()),
                Integer.toString(limit.requestedTokens()), Integer.toString(wanted));
        return redis.execute(SCRIPT, List.of(bucket), args)
                .next()
                .timeout(timeout, timer)
                .map(result -> new Decision(result.get(0), result.get(1), Duration.ofMillis(result.get(2))));
    }

    /**
     * @param granted tokens taken from the bucket: 0 if the request may not pass, else its own plus any leased
     * @param remaining whole tokens left in the bucket
     * @param retryAfter when refused: how long until the bucket holds enough tokens
     */
    record Decision(long granted, long remaining, Duration retryAfter) {

        boolean allowed() {
            return granted > 0;
        }
    }
}
