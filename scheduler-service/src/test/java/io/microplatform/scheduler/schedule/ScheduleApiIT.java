package io.microplatform.scheduler.schedule;

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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Schedules through the API, fired by the leader (this test JVM's instance), run by the workers. */
@ServiceIntegrationTest
class ScheduleApiIT {

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
    void aCronScheduleFiresAtEachMatchingSecondOnceAndItsRunsSucceed() {
        String id = api.create(Map.of("name", "every.two.seconds", "task", "noop", "cron", "*/2 * * * * *"));

        List<Map<String, Object>> runs = await().atMost(Duration.ofSeconds(60)).until(
                () -> api.list("/api/scheduler/runs?schedule={id}&status=SUCCEEDED", id), list -> list.size() >= 3);
        api.post("/api/scheduler/schedules/" + id + "/pause");

        List<Instant> fires = runs.stream().map(run -> Instant.parse(run.get("fireTime").toString())).sorted().toList();
        for (int i = 1; i < fires.size(); i++) {
            assertThat(Duration.between(fires.get(i - 1), fires.get(i))).isEqualTo(Duration.ofSeconds(2));
        }
        assertThat(fires).allSatisfy(fire -> assertThat(fire.getEpochSecond() % 2).isZero());
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.get("attempts")).isEqualTo(1);
            assertThat(run.get("worker")).isNotNull();
            assertThat(((Number) run.get("fencingToken")).longValue()).isPositive();
        });
        Map<String, Object> schedule = api.get("/api/scheduler/schedules/{id}", id).getBody();
        assertThat(schedule.get("state")).isEqualTo("PAUSED");
        assertThat(Instant.parse(schedule.get("lastFireAt").toString())).isAfterOrEqualTo(fires.get(fires.size() - 1));
    }

    @Test
    void aFixedRateScheduleFiresEveryPeriodFromItsFirstFire() {
        String id = api.create(Map.of("name", "rate", "task", "noop", "fixedRate", "PT1S"));
        List<Map<String, Object>> runs = await().atMost(Duration.ofSeconds(60)).until(
                () -> api.list("/api/scheduler/runs?schedule={id}", id), list -> list.size() >= 3);
        api.delete("/api/scheduler/schedules/{id}", id);

        List<Instant> fires = runs.stream().map(run -> Instant.parse(run.get("fireTime").toString())).sorted().toList();
        Instant first = fires.get(0);
        for (int i = 0; i < fires.size(); i++) {
            assertThat(fires.get(i)).isEqualTo(first.plusSeconds(i));
        }
        assertThat(api.get("/api/scheduler/schedules/{id}", id).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aOneShotFiresOnceAtItsTime() {
        Instant at = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String id = api.create(Map.of("name", "later", "task", "noop", "runAt", at.toString()));
        assertThat(api.get("/api/scheduler/schedules/{id}", id).getBody().get("nextFireAt")).isEqualTo(at.toString());

        await().atMost(Duration.ofSeconds(60)).until(
                () -> api.list("/api/scheduler/runs?schedule={id}&status=SUCCEEDED", id), list -> list.size() == 1);
        List<Map<String, Object>> runs = api.list("/api/scheduler/runs?schedule={id}", id);
        assertThat(runs).singleElement().satisfies(run -> assertThat(run.get("fireTime")).isEqualTo(at.toString()));
        assertThat(api.get("/api/scheduler/schedules/{id}", id).getBody().get("nextFireAt")).isNull();
    }

    @Test
    void aPausedScheduleDoesNotFireAndResumesFromNow() {
        String id = api.create(Map.of("name", "paused", "task", "noop", "fixedRate", "PT1S"));
        api.post("/api/scheduler/schedules/" + id + "/pause");
        int atPause = runCount(id);
        // a schedule beside it that keeps firing: three of its fires prove the leader's passes went on meanwhile
        String control = api.create(Map.of("name", "control", "task", "noop", "fixedRate", "PT1S"));
        await().atMost(Duration.ofSeconds(30)).until(() -> runCount(control) >= 3);
        api.delete("/api/scheduler/schedules/{id}", control);
        assertThat(runCount(id)).isEqualTo(atPause);

        Map<String, Object> resumed = api.post("/api/scheduler/schedules/" + id + "/resume").getBody();
        assertThat(resumed.get("state")).isEqualTo("ACTIVE");
        assertThat(Instant.parse(resumed.get("nextFireAt").toString())).isAfter(Instant.now().minusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> runCount(id) > atPause);
        api.delete("/api/scheduler/schedules/{id}", id);
        // no run was made up for the paused time, and the period is on record (the audit reads it as requested)
        assertThat(jdbc.sql("select count(*) from run where schedule_id = ? and status = 'SKIPPED'")
                .param(UUID.fromString(id)).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from schedule_pause where schedule_id = ? and resumed_at > paused_at")
                .param(UUID.fromString(id)).query(Integer.class).single()).isOne();
    }

    @Test
    void afterALeaderlessGapEachPolicyRecordsEveryMissedFire() {
        Map<String, String> ids = new HashMap<>();
        for (String policy : List.of("SKIP", "FIRE_ONCE", "CATCH_UP")) {
            String id = api.create(Map.of("name", "gap-" + policy.toLowerCase().replace('_', '-'), "task", "noop",
                    "fixedRate", "PT1S", "misfire", policy));
            api.post("/api/scheduler/schedules/" + id + "/pause");
            ids.put(policy, id);
        }
        // a leaderless gap of 20 s, as the database sees it after a failover: next fire 20 s in the past
        Instant due = Instant.now().minusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (String id : ids.values()) {
            // a fixed rate fires first at once: a run the leader made before the pause is not part of the gap
            jdbc.sql("delete from run where schedule_id = ?").param(UUID.fromString(id)).update();
            jdbc.sql("update schedule set state = 'ACTIVE', next_fire_at = ? where id = ?")
                    .param(java.sql.Timestamp.from(due)).param(UUID.fromString(id)).update();
        }
        for (String id : ids.values()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> runCount(id) >= 21);
            api.post("/api/scheduler/schedules/" + id + "/pause");
        }
        for (Map.Entry<String, String> policy : ids.entrySet()) {
            List<Map<String, Object>> runs = api.list("/api/scheduler/runs?schedule={id}&size=1000", policy.getValue());
            List<Instant> fires = runs.stream().map(run -> Instant.parse(run.get("fireTime").toString())).sorted().toList();
            // nothing silent: every second from the gap's start is a run, run or skipped
            for (int i = 0; i < fires.size(); i++) {
                assertThat(fires.get(i)).isEqualTo(due.plusSeconds(i));
            }
            long skipped = runs.stream().filter(run -> "SKIPPED".equals(run.get("status"))).count();
            long ran = runs.size() - skipped;
            switch (policy.getKey()) {
                case "SKIP" -> assertThat(skipped).isBetween(14L, 17L);      // the ~16 fires past the 5 s threshold
                case "FIRE_ONCE" -> assertThat(skipped).isBetween(13L, 16L); // all but the latest of them
                default -> assertThat(skipped).isBetween(4L, 7L);            // all but catch-up-max = 10
            }
            assertThat(ran + skipped).isEqualTo(fires.size());
            assertThat(runs).filteredOn(run -> "SKIPPED".equals(run.get("status")))
                    .allSatisfy(run -> assertThat(run.get("error").toString()).contains("misfire policy " + policy.getKey()));
        }
    }

    @Test
    void badSchedulesAreRefusedWithAProblemThatSaysWhatToChangeAndNothingIsStored() {
        int before = jdbc.sql("select count(*) from schedule").query(Integer.class).single();
        Map<Map<String, Object>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(Map.of("name", "x", "task", "noop", "cron", "* * *"), "is not a valid Spring cron expression");
        cases.put(Map.of("name", "x", "task", "noop", "cron", "0 0 * * * *", "zone", "Mars/Olympus"), "is not a time-zone id");
        cases.put(Map.of("name", "x", "task", "noop", "fixedRate", "PT0.5S"), "fixedRate must be at least PT1S");
        cases.put(Map.of("name", "x", "task", "noop", "fixedRate", "every second"), "is not an ISO-8601 duration");
        cases.put(Map.of("name", "x", "task", "noop", "runAt", "2020-01-01T00:00:00Z"), "is not in the future");
        cases.put(Map.of("name", "x", "task", "teleport", "fixedRate", "PT1S"), "unknown task 'teleport'");
        cases.put(Map.of("name", "x", "task", "noop"), "give exactly one of cron, fixedRate or runAt (got 0)");
        cases.put(Map.of("name", "x", "task", "noop", "fixedRate", "PT1S", "cron", "* * * * * *"), "(got 2)");
        cases.put(Map.of("name", "x", "task", "sleep", "fixedRate", "PT1S"), "'millis' must be a number");
        cases.put(Map.of("name", "x", "task", "noop", "fixedRate", "PT1S", "maxAttempts", 21), "maxAttempts");
        cases.put(Map.of("name", "x", "task", "noop", "fixedRate", "PT1S", "misfire", "SOMETIMES"), "misfire");
        cases.put(Map.of("name", "Bad Name", "task", "noop", "fixedRate", "PT1S"), "name: must be 1-100 characters");
        cases.forEach((body, detail) -> {
            ResponseEntity<Map<String, Object>> answer = api.post("/api/scheduler/schedules", body);
            assertThat(answer.getStatusCode().value()).as("%s", body).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getBody().get("detail").toString()).as("%s", body).contains(detail);
        });
        assertThat(jdbc.sql("select count(*) from schedule").query(Integer.class).single()).isEqualTo(before);
    }

    @Test
    void unknownSchedulesAndRunsAre404Problems() {
        assertThat(api.get("/api/scheduler/schedules/{id}", UUID.randomUUID()).getStatusCode().value()).isEqualTo(404);
        assertThat(api.get("/api/scheduler/runs/{id}", UUID.randomUUID()).getStatusCode().value()).isEqualTo(404);
        assertThat(api.post("/api/scheduler/runs/" + UUID.randomUUID() + "/retry").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void schedulesAndRunsAreListedPageByPage() {
        // paused at once: they never fire, so the counts below stay put
        List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = api.create(Map.of("name", "paged-" + i, "task", "noop", "cron", "0 0 0 1 1 *"));
            api.post("/api/scheduler/schedules/" + id + "/pause");
            created.add(id);
        }
        int schedules = jdbc.sql("select count(*) from schedule where state <> 'DELETED'").query(Integer.class).single();
        Map<String, Object> first = api.get("/api/scheduler/schedules?size=2").getBody();
        assertThat(first).containsEntry("page", 0).containsEntry("size", 2)
                .containsEntry("totalElements", schedules);
        assertThat((List<?>) first.get("content")).hasSize(2);
        List<String> newestFirst = new java.util.ArrayList<>();
        for (int page = 0; page * 2 < schedules; page++) {
            api.list("/api/scheduler/schedules?size=2&page={page}", page)
                    .forEach(schedule -> newestFirst.add(schedule.get("id").toString()));
        }
        assertThat(newestFirst).hasSize(schedules).doesNotHaveDuplicates()
                .containsSubsequence(created.get(2), created.get(1), created.get(0));

        Map<String, Object> none = api.get("/api/scheduler/runs?schedule={id}&size=1", created.get(0)).getBody();
        assertThat(none).containsEntry("size", 1).containsEntry("totalElements", 0);
        assertThat((List<?>) none.get("content")).isEmpty();

        for (String query : List.of("schedules?size=0", "schedules?size=501", "runs?page=-1", "runs?size=1001")) {
            ResponseEntity<Map<String, Object>> bad = api.get("/api/scheduler/" + query);
            assertThat(bad.getStatusCode().value()).as(query).isEqualTo(400);
            assertThat(bad.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(bad.getBody()).containsEntry("type", "urn:microplatform:problem:invalid-request");
        }
    }

    private int runCount(String scheduleId) {
        return jdbc.sql("select count(*) from run where schedule_id = ?").param(UUID.fromString(scheduleId))
                .query(Integer.class).single();
    }
}
