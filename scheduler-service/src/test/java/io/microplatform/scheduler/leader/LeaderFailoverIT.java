package io.microplatform.scheduler.leader;

import io.microplatform.scheduler.support.SchedulerApi;
import io.microplatform.scheduler.support.SchedulerInstances;
import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.ServiceProcess;
import io.microplatform.test.SharedDevStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hot-warm failover with real processes: two scheduler instances (a 5 s leader lease) lead and work; this test
 * JVM's own instance stands aside (its lease and workers stopped) so that only the processes the test can kill
 * take part. Each test causes a real fault and then checks the books: every fire time of the schedule from its
 * first to its last is exactly one run (run or skipped by the misfire policy), and no fire has two ledger rows.
 */
@ServiceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderFailoverIT {

    private static final Logger log = LoggerFactory.getLogger(LeaderFailoverIT.class);
    private static final Duration LEASE = Duration.ofSeconds(5);

    @Autowired
    LeaderLease ownLease;

    @Autowired
    KafkaListenerEndpointRegistry ownWorkers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    StringRedisTemplate redis;

    SchedulerInstances instances;

    @BeforeAll
    void onlyTheProcessesTakePart() {
        ownLease.stop();
        ownWorkers.stop();
        instances = new SchedulerInstances(Map.of("SCHEDULER_LEADER_LEASE", LEASE.toSeconds() + "s"));
    }

    @AfterAll
    void ownInstanceBack() {
        instances.close();
        ownWorkers.start();
        ownLease.start();
    }

    @BeforeEach
    void twoInstances() {
        instances.start("scheduler-a");
        instances.start("scheduler-b");
    }

    @Test
    void aKilledLeaderIsReplacedWithinItsLeaseAndNoFireIsRecordedTwice() {
        ServiceProcess leader = awaitLeader();
        ServiceProcess standby = other(leader);
        long oldToken = token();
        String schedule = SchedulerInstances.api(standby).create(ledgerEverySecond("killed-leader", "FIRE_ONCE"));
        awaitLedgerRows(schedule, 3);

        Instant killedAt = Instant.now();
        leader.signal("KILL");
        Map<String, Object> next = await().atMost(Duration.ofSeconds(60)).until(() -> leaderSeenBy(standby),
                seen -> standby.name().equals(seen.get("instance")));
        log.info("failover after SIGKILL: {} leads {} ms after the kill (lease {})", standby.name(),
                Duration.between(killedAt, Instant.now()).toMillis(), LEASE);
        assertThat(((Number) next.get("fencingToken")).longValue()).isGreaterThan(oldToken);

        int before = ledgerRows(schedule);
        awaitLedgerRows(schedule, before + 3);
        settle(standby, schedule);
        assertBooks(schedule);
    }

    @Test
    void aFrozenLeaderThatResumesIsRefusedByTheFenceAndStepsDown() throws Exception {
        ServiceProcess leader = awaitLeader();
        ServiceProcess standby = other(leader);
        String schedule = SchedulerInstances.api(standby).create(ledgerEverySecond("frozen-leader", "FIRE_ONCE"));
        awaitLedgerRows(schedule, 2);

        // Deterministic interleaving: hold the schedule's row, so that the leader's next fire transaction waits on it
        // (after its lease check, before its writes); freeze the leader there, past its lease; let the standby
        // take over; then let the frozen transaction go on. Its writes are the stale writes of a paused leader.
        try (Connection hold = dataSource.getConnection()) {
            hold.setAutoCommit(false);
            try (PreparedStatement lock = hold.prepareStatement("select id from schedule where id = ? for update")) {
                lock.setObject(1, UUID.fromString(schedule));
                lock.executeQuery().close();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    select count(*) from pg_stat_activity
                    where datname = 'scheduler' and wait_event_type = 'Lock' and query like '%next_fire_at <=%'""")
                    .query(Integer.class).single() > 0);
            leader.signal("STOP");
            await().atMost(Duration.ofSeconds(60)).until(() -> leaderSeenBy(standby),
                    seen -> standby.name().equals(seen.get("instance")));
            hold.commit();
        }
        leader.signal("CONT");

        await().atMost(Duration.ofSeconds(30)).until(
                () -> SchedulerInstances.metric(leader, "scheduler_fence_refusals_total", "resource=\"leader\"") >= 1.0);
        await().atMost(Duration.ofSeconds(30)).until(() -> SchedulerInstances.metric(leader, "scheduler_leader", null) == 0.0);
        assertThat(SchedulerInstances.metric(standby, "scheduler_leader", null)).isEqualTo(1.0);
        assertThat(leaderSeenBy(leader).get("instance")).isEqualTo(standby.name());

        int before = ledgerRows(schedule);
        awaitLedgerRows(schedule, before + 2);
        settle(standby, schedule);
        assertBooks(schedule);
    }

    @Test
    void redisRestartedEmptyReestablishesLeadershipWithAHigherTokenAndNoDoubleFire() {
        ServiceProcess leader = awaitLeader();
        long before = token();
        String schedule = SchedulerInstances.api(leader).create(ledgerEverySecond("redis-emptied", "CATCH_UP"));
        awaitLedgerRows(schedule, 2);

        // Redis restarted without its data: the lease, the lock's fencing counter and every run lock are gone
        SharedDevStack.get().restartEmpty("redis-1");

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<String, Object> seen = leaderSeenBy(leader);
            return seen.get("fencingToken") != null && ((Number) seen.get("fencingToken")).longValue() > before;
        });
        // the lock's own counter started again from nothing; the token PostgreSQL grants went on growing
        long redisCounter = Long.parseLong(redis.opsForValue().get("lock:{" + LeaderLease.LOCK + "}:fence"));
        assertThat(redisCounter).isLessThan(token());
        int rows = ledgerRows(schedule);
        awaitLedgerRows(schedule, rows + 3);
        settle(leader, schedule);
        assertBooks(schedule);
    }

    @Test
    void aPlannedShutdownHandsTheLeadOverWithoutWaitingForTheLease() {
        ServiceProcess leader = awaitLeader();
        ServiceProcess standby = other(leader);
        long before = token();
        Instant stoppedAt = Instant.now();
        leader.signal("TERM");
        Instant exited = Instant.now();
        await().atMost(Duration.ofSeconds(60)).until(() -> leaderSeenBy(standby),
                seen -> standby.name().equals(seen.get("instance")));
        log.info("planned handover: SIGTERM at {}, process exited after {} ms, {} leads {} ms after SIGTERM", stoppedAt,
                Duration.between(stoppedAt, exited).toMillis(), standby.name(), Duration.between(stoppedAt, Instant.now()).toMillis());
        assertThat(token()).isGreaterThan(before);
        assertThat(instances.get(leader.name()).process().exitValue()).isIn(0, 143);
    }

    @Test
    void aWorkerKilledMidRunLeavesTheRunToAnotherWorkerWhichFinishesIt() {
        awaitLeader();
        ServiceProcess any = instances.get("scheduler-a");
        Map<String, Object> job = SchedulerInstances.api(any).post("/api/scheduler/jobs",
                Map.of("name", "long", "task", "sleep", "payload", Map.of("millis", 6000))).getBody();
        String id = job.get("id").toString();
        Map<String, Object> running = await().atMost(Duration.ofSeconds(60)).until(
                () -> SchedulerInstances.api(any).get("/api/scheduler/jobs/{id}", id).getBody(), j -> "RUNNING".equals(j.get("status")));
        ServiceProcess worker = instances.get(running.get("worker").toString());
        ServiceProcess survivor = other(worker);
        worker.signal("KILL");

        Map<String, Object> finished = await().atMost(Duration.ofSeconds(120)).until(
                () -> SchedulerInstances.api(survivor).get("/api/scheduler/jobs/{id}", id).getBody(), j -> "SUCCEEDED".equals(j.get("status")));
        assertThat(finished.get("attempts")).isEqualTo(2);
        assertThat(finished.get("worker")).isEqualTo(survivor.name());
    }

    private Map<String, Object> ledgerEverySecond(String name, String misfire) {
        return Map.of("name", name, "task", "ledger", "fixedRate", "PT1S", "misfire", misfire, "concurrency", "ALLOW");
    }

    private ServiceProcess awaitLeader() {
        Map<String, Object> seen = await().atMost(Duration.ofSeconds(60)).until(
                () -> leaderSeenBy(instances.get("scheduler-a")), leader -> leader.get("instance") != null
                        && instances.get(leader.get("instance").toString()) != null
                        && instances.get(leader.get("instance").toString()).process().isAlive());
        return instances.get(seen.get("instance").toString());
    }

    private ServiceProcess other(ServiceProcess instance) {
        return instances.get(instance.name().equals("scheduler-a") ? "scheduler-b" : "scheduler-a");
    }

    private static Map<String, Object> leaderSeenBy(ServiceProcess instance) {
        Map<String, Object> body = SchedulerInstances.api(instance).get("/api/scheduler/leader").getBody();
        return body == null ? Map.of() : body;
    }

    private long token() {
        return jdbc.sql("select token from leader_fence where name = 'scheduler-leader'").query(Long.class).single();
    }

    private int ledgerRows(String schedule) {
        return jdbc.sql("select count(*) from ledger where schedule_id = ?").param(UUID.fromString(schedule))
                .query(Integer.class).single();
    }

    private void awaitLedgerRows(String schedule, int rows) {
        await().atMost(Duration.ofSeconds(90)).until(() -> ledgerRows(schedule) >= rows);
    }

    /** Stops the schedule and waits until every run it made has ended. */
    private void settle(ServiceProcess instance, String schedule) {
        new SchedulerApi(instance.port()).post("/api/scheduler/schedules/" + schedule + "/pause");
        await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.sql("""
                        select count(*) from run where schedule_id = ? and status not in ('SUCCEEDED', 'SKIPPED', 'DEAD')""")
                .param(UUID.fromString(schedule)).query(Integer.class).single() == 0);
    }

    private void assertBooks(String schedule) {
        UUID id = UUID.fromString(schedule);
        List<Instant> fires = jdbc.sql("select fire_time from run where schedule_id = ? order by fire_time")
                .param(id).query(Instant.class).list();
        for (int i = 0; i < fires.size(); i++) {
            assertThat(fires.get(i)).as("fire %d of %d", i, fires.size()).isEqualTo(fires.get(0).plusSeconds(i));
        }
        assertThat(jdbc.sql("""
                        select count(*) from (select fire_time from ledger where schedule_id = ?
                                              group by fire_time having count(*) > 1) doubled""")
                .param(id).query(Integer.class).single()).as("fires written twice").isZero();
        int succeeded = jdbc.sql("select count(*) from run where schedule_id = ? and status = 'SUCCEEDED'")
                .param(id).query(Integer.class).single();
        assertThat(ledgerRows(schedule)).as("one ledger row per succeeded run").isEqualTo(succeeded);
        assertThat(jdbc.sql("select count(*) from run where schedule_id = ? and status = 'DEAD'")
                .param(id).query(Integer.class).single()).isZero();
        log.info("books of {}: {} fires from {} to {}, {} succeeded", schedule, fires.size(), fires.get(0),
                fires.get(fires.size() - 1), succeeded);
    }
}
