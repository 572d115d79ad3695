package io.microplatform.cache.entry;

import io.microplatform.test.TestHttp;
import io.microplatform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class CacheEntryApiIT {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void writesReadsAndDeletesAnEntryInRedis() {
        CacheEntry written = TestHttp.client(port).put().uri("/api/cache/entries/greeting")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("value", "hello", "ttlSeconds", 120))
                .retrieve().body(CacheEntry.class);
        assertThat(written).isEqualTo(new CacheEntry("greeting", "hello", 120));

        assertThat(redis.opsForValue().get("cache:greeting")).isEqualTo("hello");
        assertThat(redis.getExpire("cache:greeting", TimeUnit.SECONDS)).isBetween(1L, 120L);

        CacheEntry read = TestHttp.client(port).get().uri("/api/cache/entries/greeting").retrieve().body(CacheEntry.class);
        assertThat(read.value()).isEqualTo("hello");

        assertThat(TestHttp.client(port).delete().uri("/api/cache/entries/greeting").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(204);
        assertThat(redis.hasKey("cache:greeting")).isFalse();
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

        assertThat(redis.keys("cache:*")).doesNotContain("cache:k1", "cache:k2", "cache:bad key!");
    }

    private static int status(ResponseEntity<?> response) {
        return response.getStatusCode().value();
    }
}
