package io.microplatform.gateway.ratelimit;

import io.microplatform.gateway.ratelimit.RateLimitProperties.RouteLimit;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/** The token buckets in Redis ({@code token-bucket.lua}): one atomic script call per request. */
class TokenBucket {

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of(
            new ClassPathResource("io/microplatform/gateway/ratelimit/token-bucket.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;

    TokenBucket(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Takes the route's tokens from the bucket if it has them; errors if Redis does not answer in time. */
    Mono<Decision> take(String bucket, RouteLimit limit, Duration timeout) {
        List<String> args = List.of(Integer.toString(limit.replenishRate()), Integer.toString(limit.burstCapacity()),
                Integer.toString(limit.requestedTokens()));
        return redis.execute(SCRIPT, List.of(bucket), args)
                .next()
                .timeout(timeout)
                .map(result -> new Decision(result.get(0) == 1L, result.get(1), Duration.ofMillis(result.get(2))));
    }

    /**
     * @param allowed whether the request may pass
     * @param remaining whole tokens left in the bucket
     * @param retryAfter when refused: how long until the bucket holds enough tokens
     */
    record Decision(boolean allowed, long remaining, Duration retryAfter) {
    }
}
