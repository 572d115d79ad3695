package io.microplatform.scheduler.schedule;

import io.microplatform.starter.tracing.TraceParents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Schedules in PostgreSQL. */
@Repository
public class ScheduleRepository {

    private static final String COLUMNS = """
            select id, name, task, payload, cron, zone, fixed_rate_ms, run_at, max_attempts, backoff_ms, misfire,
                   concurrency, timeout_ms, state, next_fire_at, last_fire_at, created_at from schedule\s""";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TraceParents traceParents;

    ScheduleRepository(JdbcClient jdbc, JsonMapper json, TraceParents traceParents) {
        this.jdbc = jdbc;
        this.json = json;
        this.traceParents = traceParents;
    }

    /** A one-shot schedule keeps the trace context of the request that made it: its one fire continues it. */
    void insert(Schedule s) {
        jdbc.sql("""
                        insert into schedule (id, name, task, payload, cron, zone, fixed_rate_ms, run_at, max_attempts,
                            backoff_ms, misfire, concurrency, timeout_ms, state, next_fire_at, created_at, traceparent)
                        values (:id, :name, :task, :payload, :cron, :zone, :fixedRate, :runAt, :maxAttempts, :backoff,
                            :misfire, :concurrency, :timeout, :state, :nextFireAt, :createdAt, :traceparent)""")
                .param("id", s.id()).param("name", s.name()).param("task", s.task())
                .param("payload", json.writeValueAsString(s.payload())).param("cron", s.cron())
                .param("zone", s.zone().getId())
                .param("fixedRate", s.fixedRate() == null ? null : s.fixedRate().toMillis())
                .param("runAt", timestamp(s.runAt())).param("maxAttempts", s.maxAttempts())
                .param("backoff", s.backoff().toMillis()).param("misfire", s.misfire().name())
                .param("concurrency", s.concurrency().name()).param("timeout", s.timeout().toMillis())
                .param("state", s.state().name()).param("nextFireAt", timestamp(s.nextFireAt()))
                .param("createdAt", timestamp(s.createdAt()))
                .param("traceparent", s.runAt() == null ? null : traceParents.current())
                .update();
    }

    /**
     * The trace context a fire of this schedule continues: its creator's for a one-shot schedule, none for a
     * recurring one (each of its fires is a trace of its own).
     */
    public Optional<String> traceParent(UUID id) {
        return jdbc.sql("select traceparent from schedule where id = :id").param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(found -> found);
    }

    /** A schedule that is not deleted. */
    public Optional<Schedule> find(UUID id) {
        return jdbc.sql(COLUMNS + " where id = :id and state <> 'DELETED'").param("id", id).query(this::map).optional();
    }

    /** Any schedule, deleted ones too: runs already queued still need their task and settings. */
    public Optional<Schedule> findIncludingDeleted(UUID id) {
        return jdbc.sql(COLUMNS + " where id = :id").param("id", id).query(this::map).optional();
    }

    List<Schedule> list(int page, int size) {
        return jdbc.sql(COLUMNS + " where state <> 'DELETED' order by created_at desc, id limit :size offset :offset")
                .param("size", size).param("offset", (long) page * size).query(this::map).list();
    }

    long count() {
        return jdbc.sql("select count(*) from schedule where state <> 'DELETED'").query(Long.class).single();
    }

    /**
     * Active schedules due at {@code now}, locked for the fire transaction that called this (the leader's).
     * A schedule being paused or deleted at the same moment waits for the fire, or the fire for it.
     */
    public List<Schedule> lockDue(Instant now, int limit) {
        return jdbc.sql(COLUMNS + """
                         where state = 'ACTIVE' and next_fire_at <= :now
                         order by next_fire_at, id limit :limit for update""")
                .param("now", timestamp(now)).param("limit", limit).query(this::map).list();
    }

    /** After a fire: the next time, and the latest fire time recorded. */
    public void advance(UUID id, Instant nextFireAt, Instant lastFireAt) {
        jdbc.sql("""
                        update schedule set next_fire_at = :next, last_fire_at = greatest(last_fire_at, :last)
                        where id = :id""")
                .param("id", id).param("next", timestamp(nextFireAt)).param("last", timestamp(lastFireAt)).update();
    }

    boolean changeState(UUID id, ScheduleState from, ScheduleState to, Instant nextFireAt) {
        return jdbc.sql("update schedule set state = :to, next_fire_at = :next where id = :id and state = :from")
                .param("id", id).param("from", from.name()).param("to", to.name())
                .param("next", timestamp(nextFireAt)).update() == 1;
    }

    /** A pause begins: its period is kept so that the gap it leaves in the runs reads as requested. */
    void recordPause(UUID id, Instant at) {
        jdbc.sql("insert into schedule_pause (schedule_id, paused_at) values (:id, :at)")
                .param("id", id).param("at", timestamp(at)).update();
    }

    void recordResume(UUID id, Instant at) {
        jdbc.sql("update schedule_pause set resumed_at = :at where schedule_id = :id and resumed_at is null")
                .param("id", id).param("at", timestamp(at)).update();
    }

    private Schedule map(ResultSet rs, int row) throws SQLException {
        long fixedRate = rs.getLong("fixed_rate_ms");
        Duration rate = rs.wasNull() ? null : Duration.ofMillis(fixedRate);
        return new Schedule(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("task"),
                json.readValue(rs.getString("payload"), MAP), rs.getString("cron"), ZoneId.of(rs.getString("zone")),
                rate, instant(rs.getTimestamp("run_at")), rs.getInt("max_attempts"),
                Duration.ofMillis(rs.getLong("backoff_ms")), Misfire.valueOf(rs.getString("misfire")),
                Concurrency.valueOf(rs.getString("concurrency")), Duration.ofMillis(rs.getLong("timeout_ms")),
                ScheduleState.valueOf(rs.getString("state")), instant(rs.getTimestamp("next_fire_at")),
                instant(rs.getTimestamp("last_fire_at")), instant(rs.getTimestamp("created_at")));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
