package io.microplatform.cache.counter;

import io.microplatform.cache.support.CacheInstances;
import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.WithServices;
import io.microplatform.test.SharedDevStack;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Counters incremented through two instances at once, retried with an Idempotency-Key, and across node losses. */
@ServiceIntegrationTest
@WithServices("inventory-service")
class CountersIT {

    @LocalServerPort
    int port;

    @Test
    void concurrentIncrementsFromTwoInstancesAreExact() throws Exception {
        List<RestClient> instances = List.of(CacheInstances.first(port), CacheInstances.second());
        int threadsPerInstance = 4;
        int incrementsPerThread = 5_000;
        ExecutorService clients = Executors.newFixedThreadPool(threadsPerInstance * instances.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (RestClient instance : instances) {
            for (int t = 0; t < threadsPerInstance; t++) {
                done.add(clients.submit(() -> {
                    start.await();
                    for (int i = 0; i < incrementsPerThread; i++) {
                        assertThat(increment(instance, "hits", 1, null).getStatusCode().value()).isEqualTo(200);
                    }
                    return null;
                }));
            }
        }
        start.countDown();
        for (Future<?> each : done) {
            each.get();
        }
        clients.shutdown();
        long expected = (long) threadsPerInstance * instances.size() * incrementsPerThread;
        instances.forEach(instance -> assertThat(value(instance, "hits")).isEqualTo(expected));
    }

    @Test
    void aRetriedIncrementCountsOnceWhicheverInstanceItReaches() {
        RestClient first = CacheInstances.first(port);
        RestClient second = CacheInstances.second();
        long answer = ((Number) increment(first, "retried", 5, "payment-42").getBody().get("value")).longValue();
        assertThat(answer).isEqualTo(5);
        assertThat(increment(first, "retried", 5, "payment-42").getBody().get("value")).isEqualTo(5);
        assertThat(increment(second, "retried", 5, "payment-42").getBody().get("value")).isEqualTo(5);
        assertThat(increment(second, "retried", 5, "payment-43").getBody().get("value")).isEqualTo(10);
        assertThat(value(first, "retried")).isEqualTo(10);
    }

    @Test
    void aCounterSurvivesItsOwnersLosingTheirDataOneAfterTheOther() {
        RestClient first = CacheInstances.first(port);
        RestClient second = CacheInstances.second();
        @SuppressWarnings("unchecked")
        List<String> owners = (List<String>) first.get().uri("/api/cache/ring/owners/survivor").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {
                }).get("owners");
        String primary = owners.get(0);
        String secondary = owners.get(1);
        incrementTimes(first, second, 100);

        loseDataAndReturn(primary, first, second, 100);
        assertThat(value(first, "survivor")).isEqualTo(200);

        // the primary now holds every increment: it was filled back from the secondary before it served
        loseDataAndReturn(secondary, first, second, 100);
        assertThat(value(first, "survivor")).isEqualTo(300);
        assertThat(value(second, "survivor")).isEqualTo(300);
    }

    /** The node restarts empty while increments go on without it, and comes back into both instances' rings. */
    private void loseDataAndReturn(String node, RestClient first, RestClient second, int incrementsWhileAway) {
        try {
            SharedDevStack.get().kill(node);
            incrementTimes(first, second, incrementsWhileAway);
        }
        finally {
            SharedDevStack.get().restartEmpty(node);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> CacheInstances.inService(first, node) && CacheInstances.inService(second, node));
    }

    private static void incrementTimes(RestClient first, RestClient second, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(increment(i % 2 == 0 ? first : second, "survivor", 1, null).getStatusCode().value()).isEqualTo(200);
        }
    }

    private static ResponseEntity<Map<String, Object>> increment(RestClient instance, String name, long delta, String key) {
        return instance.post().uri("/api/cache/counters/{name}/increments", name)
                .headers(headers -> {
                    if (key != null) {
                        headers.set("Idempotency-Key", key);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("delta", delta))
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
    }

    private static long value(RestClient instance, String name) {
        return ((Number) instance.get().uri("/api/cache/counters/{name}", name).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {
                }).get("value")).longValue();
    }
}
