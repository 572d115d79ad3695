package io.microplatform.gateway.resilience;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The last good response of each degradable path, one Redis hash per route, path and query:
 * {@code gateway:last-good:<route>:<path>?<query>} with the body, its content type and encoding, and when it
 * was kept. Shared by all gateway instances, so any of them can serve what another one saw.
 */
class LastGoodResponses {

    /** A fallback must answer fast: if Redis is slow too, the client gets the 503 rather than a wait. */
    static final Duration TIMEOUT = Duration.ofMillis(250);

    private static final String BODY = "body";
    private static final String CONTENT_TYPE = "content-type";
    private static final String CONTENT_ENCODING = "content-encoding";
    private static final String KEPT_AT = "kept-at";

    private final ReactiveRedisTemplate<String, byte[]> redis;

    LastGoodResponses(ReactiveRedisConnectionFactory connections) {
        RedisSerializationContext<String, byte[]> context = RedisSerializationContext
                .<String, byte[]>newSerializationContext(RedisSerializer.string())
                .value(RedisSerializer.byteArray())
                .hashKey(RedisSerializer.string())
                .hashValue(RedisSerializer.byteArray())
                .build();
        this.redis = new ReactiveRedisTemplate<>(connections, context);
    }

    static String key(String routeId, String pathAndQuery) {
        return "gateway:last-good:" + routeId + ":" + pathAndQuery;
    }

    Mono<Boolean> keep(String key, KeptResponse response, Duration ttl) {
        Map<String, byte[]> fields = new HashMap<>();
        fields.put(BODY, response.body());
        fields.put(KEPT_AT, Long.toString(response.keptAt().toEpochMilli()).getBytes(StandardCharsets.US_ASCII));
        if (response.contentType() != null) {
            fields.put(CONTENT_TYPE, response.contentType().getBytes(StandardCharsets.UTF_8));
        }
        if (response.contentEncoding() != null) {
            fields.put(CONTENT_ENCODING, response.contentEncoding().getBytes(StandardCharsets.UTF_8));
        }
        return redis.<String, byte[]>opsForHash().putAll(key, fields)
                .then(redis.expire(key, ttl))
                .timeout(TIMEOUT);
    }

    Mono<KeptResponse> find(String key) {
        return redis.<String, byte[]>opsForHash().entries(key)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .timeout(TIMEOUT)
                .filter(fields -> fields.containsKey(BODY) && fields.containsKey(KEPT_AT))
                .map(fields -> new KeptResponse(text(fields.get(CONTENT_TYPE)), text(fields.get(CONTENT_ENCODING)),
                        Instant.ofEpochMilli(Long.parseLong(text(fields.get(KEPT_AT)))), fields.get(BODY)));
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    record KeptResponse(String contentType, String contentEncoding, Instant keptAt, byte[] body) {
    }
}
