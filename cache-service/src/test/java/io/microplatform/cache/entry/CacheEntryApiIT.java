package io.microplatform.cache.entry;

import io.microplatform.cache.ring.CacheRing;
import io.microplatform.test.SharedDevStack;
import io.microplatform.test.TestHttp;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.WithServices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@WithServices("inventory-service")
class CacheEntryApiIT {

    @LocalServerPort
    int port;

    @Autowired
    CacheRing ring;

    @Test
    void writesReadsAndDeletesAnEntryInRedis() {
        CacheEntry written = TestHttp.client(port).put().uri("/api/cache/entries/greeting")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("value", "hello", "ttlSeconds", 120))
                .retrieve().body(CacheEntry.class);
        assertThat(written).isEqualTo(new CacheEntry("greeting", "hello", 120));

        assertThat(ring.owners("greeting")).hasSize(2).allSatisfy(owner -> {
            assertThat(raw(owner, "GET")).isEqualTo("hello");
            assertThat(Long.parseLong(raw(owner, "TTL"))).isBetween(1L, 120L);
        });

        CacheEntry read = TestHttp.client(port).get().uri("/api/cache/entries/greeting").retrieve().body(CacheEntry.class);
        assertThat(read.value()).isEqualTo("hello");

        assertThat(TestHttp.client(port).delete().uri("/api/cache/entries/greeting").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(204);
        assertThat(ring.owners("greeting")).allSatisfy(owner -> assertThat(raw(owner, "GET")).isNull());
        assertThat(status(TestHttp.client(port).get().uri("/api/cache/entries/greeting").retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {
                }))).isEqualTo(404);
    }

    @Test
    void badKeysAndTtlsAreRejectedAndNothingIsWritten() {
        ResponseEntity<Map<String, Object>> badTtl = TestHttp.client(port).put().uri("/api/cache/entries/k1")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("value", "v", "ttlSeconds", 999_999_999))
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
        assertThat(status(badTtl)).isEqualTo(400);
        assertThat(badTtl.getBody().get("detail").toString()).startsWith("ttlSeconds: must be at most");

        ResponseEntity<Map<String, Object>> badKey = TestHttp.client(port).put().uri("/api/cache/entries/{key}", "bad key!")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("value", "v"))
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
        assertThat(status(badKey)).isEqualTo(400);
        assertThat(badKey.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        ResponseEntity<Map<String, Object>> noValue = TestHttp.client(port).put().uri("/api/cache/entries/k2")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("ttlSeconds", 5))
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
        assertThat(status(noValue)).isEqualTo(400);

        for (String node : new String[] {"redis-1", "redis-2", "redis-3"}) {
            for (String key : new String[] {"k1", "k2", "bad key!"}) {
                assertThat(rawGet(node, "cache:" + key)).isNull();
            }
        }
    }

    /** GET or TTL of {@code cache:greeting} straight on one Redis node of the dev stack. */
    private static String raw(String node, String command) {
        try (RedisClient client = RedisClient.create("redis://localhost:" + SharedDevStack.get().port(node));
             StatefulRedisConnection<String, String> redis = client.connect()) {
            return command.equals("GET") ? redis.sync().get("cache:greeting")
                    : Long.toString(redis.sync().ttl("cache:greeting"));
        }
    }

    private static String rawGet(String node, String key) {
        try (RedisClient client = RedisClient.create("redis://localhost:" + SharedDevStack.get().port(node));
             StatefulRedisConnection<String, String> redis = client.connect()) {
            return redis.sync().get(key);
        }
    }

    private static int status(ResponseEntity<?> response) {
        return response.getStatusCode().value();
    }
}
