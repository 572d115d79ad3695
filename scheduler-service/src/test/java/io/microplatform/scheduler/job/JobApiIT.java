package io.microplatform.scheduler.job;

import io.microplatform.scheduler.support.SchedulerApi;
import io.microplatform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs submitted with an {@code Idempotency-Key}: once per key, whatever the retries; checked in the database. */
@ServiceIntegrationTest
class JobApiIT {

    private static final String JOBS = "/api/scheduler/jobs";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    SchedulerApi api;

    @BeforeEach
    void client() {
        api = new SchedulerApi(port);
    }

    @Test
    void theSameRequestSentAgainWithItsKeyAnswersWithTheFirstJobAndRunsOnce() {
        String key = UUID.randomUUID().toString();
        String name = "idem-" + key.substring(0, 8);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("a", 1);
        payload.put("b", "two");
        ResponseEntity<Map<String, Object>> first = api.post(JOBS, Map.of("name", name, "task", "noop", "payload", payload), key);
        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        String id = first.getBody().get("id").toString();

        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(api.get(JOBS + "/{id}", id).getBody().get("status")));
        // the same request, its payload's fields in another order
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("b", "two");
        reordered.put("a", 1);
        ResponseEntity<Map<String, Object>> again = api.post(JOBS, Map.of("name", name, "task", "noop", "payload", reordered), key);

        assertThat(again.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.getHeaders().getLocation()).hasToString(JOBS + "/" + id);
        assertThat(again.getBody()).containsEntry("id", id).containsEntry("status", "SUCCEEDED");
        assertThat(schedulesNamed(name)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from run where schedule_id = :id").param("id", UUID.fromString(id))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theKeyWithADifferentRequestIsA422AndMakesNothing() {
        String key = UUID.randomUUID().toString();
        String name = "idem-" + key.substring(0, 8);
        assertThat(api.post(JOBS, Map.of("name", name), key).getStatusCode().value()).isEqualTo(201);

        ResponseEntity<Map<String, Object>> other = api.post(JOBS, Map.of("name", name + "-other"), key);

        assertThat(other.getStatusCode().value()).isEqualTo(422);
        assertThat(other.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(other.getBody().get("type").toString()).endsWith("idempotency-key-reused");
        assertThat(other.getBody().get("detail").toString()).contains(key);
        assertThat(schedulesNamed(name + "-other")).isZero();
        assertThat(schedulesNamed(name)).isEqualTo(1);
    }

    @Test
    void aRefusedRequestDoesNotClaimItsKey() {
        String key = UUID.randomUUID().toString();
        String name = "idem-" + key.substring(0, 8);

        ResponseEntity<Map<String, Object>> refused = api.post(JOBS, Map.of("name", name, "task", "no-such-task"), key);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from job_key where idempotency_key = :key").param("key", key)
                .query(Long.class).single()).isZero();

        ResponseEntity<Map<String, Object>> corrected = api.post(JOBS, Map.of("name", name), key);
        assertThat(corrected.getStatusCode().value()).isEqualTo(201);
        assertThat(corrected.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
    }

    @Test
    void aMalformedKeyIsA400AndMakesNothing() {
        String name = "idem-" + UUID.randomUUID().toString().substring(0, 8);

        ResponseEntity<Map<String, Object>> refused = api.post(JOBS, Map.of("name", name), "two words");

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("detail")).isEqualTo("idempotencyKey: must be printable ASCII without spaces");
        assertThat(schedulesNamed(name)).isZero();
    }

    @Test
    void concurrentRequestsWithOneKeyMakeOneJob() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = "idem-" + key.substring(0, 8);
        int requests = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<ResponseEntity<Map<String, Object>>>> answers = IntStream.range(0, requests)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return api.post(JOBS, Map.of("name", name), key);
                    })).toList();
            start.countDown();
            List<ResponseEntity<Map<String, Object>>> results = new java.util.ArrayList<>();
            for (Future<ResponseEntity<Map<String, Object>>> answer : answers) {
                results.add(answer.get());
            }

            assertThat(results).allSatisfy(result -> assertThat(result.getStatusCode().value()).isEqualTo(201));
            assertThat(results.stream().map(result -> result.getBody().get("id")).distinct()).hasSize(1);
            assertThat(results.stream().filter(result -> "false".equals(result.getHeaders().getFirst("Idempotent-Replayed"))))
                    .hasSize(1);
            assertThat(schedulesNamed(name)).isEqualTo(1);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private long schedulesNamed(String name) {
        return jdbc.sql("select count(*) from schedule where name = :name").param("name", name).query(Long.class).single();
    }
}
