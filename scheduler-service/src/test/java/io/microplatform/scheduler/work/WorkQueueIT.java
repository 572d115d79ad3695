package io.microplatform.scheduler.work;

import io.microplatform.scheduler.support.SchedulerApi;
import io.microplatform.scheduler.support.TopicReader;
import io.microplatform.starter.lock.DistributedLock;
import io.microplatform.starter.lock.DistributedLocks;
import io.microplatform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs, retries, dead letters, timeouts and the FORBID lock, through the API and the real Kafka. */
@ServiceIntegrationTest
class WorkQueueIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    DistributedLocks locks;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    SchedulerApi api;

    @BeforeEach
    void client() {
        api = new SchedulerApi(port);
    }

    @Test
    void aSubmittedJobIsFiredByTheLeaderAndRunOnceByAWorker() {
        ResponseEntity<Map<String, Object>> created = api.post("/api/scheduler/jobs", Map.of("name", "report.daily"));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String id = created.getBody().get("id").toString();
        assertThat(created.getHeaders().getLocation()).hasToString("/api/scheduler/jobs/" + id);
        assertThat(created.getBody().get("status")).isEqualTo("QUEUED");
        assertThat(created.getBody().get("task")).isEqualTo("noop");

        Map<String, Object> ran = await().atMost(Duration.ofSeconds(60)).until(
                () -> api.get("/api/scheduler/jobs/{id}", id).getBody(), job -> "SUCCEEDED".equals(job.get("status")));
        assertThat(ran.get("attempts")).isEqualTo(1);
        assertThat(ran.get("worker")).isNotNull();
        assertThat(ran.get("finishedAt")).isNotNull();
    }

    @Test
    void aFailingRunIsRetriedWithBackOffUntilItSucceedsEachAttemptCountedOnce() {
        String id = job("flaky", "fail", Map.of("times", 2));
        Map<String, Object> ran = await().atMost(Duration.ofSeconds(60)).until(
                () -> api.get("/api/scheduler/jobs/{id}", id).getBody(), job -> "SUCCEEDED".equals(job.get("status")));
        assertThat(ran.get("attempts")).isEqualTo(3);
        assertThat(ran.get("error")).isNull();
    }

    @Test
    void aRunWhoseAttemptsAreExhaustedIsDeadOnTheDeadLetterTopicAndCanBeRetriedByHand() {
        String schedule = api.create(Map.of("name", "doomed", "task", "fail", "payload", Map.of("times", 2),
                "runAt", Instant.now().plusMillis(500).toString(), "maxAttempts", 2, "backoff", "PT0.2S"));
        Map<String, Object> dead = await().atMost(Duration.ofSeconds(60)).until(
                () -> api.list("/api/scheduler/runs?schedule={id}", schedule),
                runs -> runs.size() == 1 && "DEAD".equals(runs.get(0).get("status"))).get(0);
        assertThat(dead.get("attempts")).isEqualTo(2);
        assertThat(dead.get("error").toString()).contains("attempt 2 fails on purpose");
        String runId = dead.get("id").toString();

        try (TopicReader deadLetters = new TopicReader(bootstrapServers, "scheduler.work.DLT")) {
            var letters = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.containing(runId),
                    found -> !found.isEmpty());
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.key()).isEqualTo(schedule);
                assertThat(letter.value()).contains("\"attempts\":2").contains("fails on purpose");
            });
        }

        ResponseEntity<Map<String, Object>> retried = api.post("/api/scheduler/runs/" + runId + "/retry");
        assertThat(retried.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> succeeded = await().atMost(Duration.ofSeconds(60)).until(
                () -> api.get("/api/scheduler/runs/{id}", runId).getBody(), run -> "SUCCEEDED".equals(run.get("status")));
        assertThat(succeeded.get("attempts")).isEqualTo(3);
        assertThat(api.post("/api/scheduler/runs/" + runId + "/retry").getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void anAttemptThatOutlivesItsTimeoutFails() {
        String schedule = api.create(Map.of("name", "slow", "task", "sleep", "payload", Map.of("millis", 30_000),
                "runAt", Instant.now().plusMillis(500).toString(), "maxAttempts", 1, "timeout", "PT0.5S"));
        Map<String, Object> dead = await().atMost(Duration.ofSeconds(60)).until(
                () -> api.list("/api/scheduler/runs?schedule={id}", schedule),
                runs -> runs.size() == 1 && "DEAD".equals(runs.get(0).get("status"))).get(0);
        assertThat(dead.get("error")).isEqualTo("timed out after PT0.5S");
    }

    @Test
    void withConcurrencyForbidARunThatFindsTheScheduleLockHeldIsSkipped() {
        String schedule = api.create(Map.of("name", "exclusive", "task", "noop", "concurrency", "FORBID",
                "runAt", Instant.now().plusSeconds(1).toString()));
        // the previous run of the schedule, still executing somewhere, holds the schedule's lock
        try (DistributedLock previous = locks.tryLock("scheduler:schedule:" + schedule, Duration.ZERO).orElseThrow()) {
            Map<String, Object> run = await().atMost(Duration.ofSeconds(60)).until(
                    () -> api.list("/api/scheduler/runs?schedule={id}", schedule),
                    runs -> runs.size() == 1 && "SKIPPED".equals(runs.get(0).get("status"))).get(0);
            assertThat(run.get("attempts")).isEqualTo(0);
            assertThat(run.get("error").toString()).contains("still holds its lock");
            assertThat(previous.isHeld()).isTrue();
        }
    }

    @Test
    void aRedeliveredMessageOfAFinishedRunChangesNothing() throws Exception {
        String id = job("once", "ledger", Map.of());
        Map<String, Object> ran = await().atMost(Duration.ofSeconds(60)).until(
                () -> api.get("/api/scheduler/jobs/{id}", id).getBody(), job -> "SUCCEEDED".equals(job.get("status")));
        String runId = ran.get("runId").toString();

        kafka.send("scheduler.work", id, runId).get(10, TimeUnit.SECONDS);
        kafka.send("scheduler.work", id, "not-a-uuid").get(10, TimeUnit.SECONDS);
        // a job behind them on the same partition still runs: the queue kept flowing past both
        String after = job("after", "noop", Map.of());
        await().atMost(Duration.ofSeconds(60)).until(
                () -> api.get("/api/scheduler/jobs/{id}", after).getBody(), job -> "SUCCEEDED".equals(job.get("status")));

        Map<String, Object> run = api.get("/api/scheduler/runs/{id}", runId).getBody();
        assertThat(run.get("attempts")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from ledger where run_id = ?").param(UUID.fromString(runId))
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anInvalidJobIsRefusedAndNothingIsStored() {
        int before = jdbc.sql("select count(*) from schedule").query(Integer.class).single();
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("name", "Not A Valid Name!"),
                Map.of("name", "x", "task", "teleport"), Map.of("name", "x", "task", "sleep", "payload", Map.of("millis", -1)))) {
            ResponseEntity<Map<String, Object>> answer = api.post("/api/scheduler/jobs", body);
            assertThat(answer.getStatusCode().value()).as("%s", body).isEqualTo(400);
            assertThat(answer.getBody().get("detail")).as("%s", body).isNotNull();
        }
        assertThat(jdbc.sql("select count(*) from schedule").query(Integer.class).single()).isEqualTo(before);
    }

    private String job(String name, String task, Map<String, Object> payload) {
        ResponseEntity<Map<String, Object>> created = api.post("/api/scheduler/jobs",
                Map.of("name", name, "task", task, "payload", payload));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        return created.getBody().get("id").toString();
    }
}
