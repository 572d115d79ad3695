package io.microplatform.scheduler.work;

import io.microplatform.scheduler.SchedulerProperties;
import io.microplatform.scheduler.run.Run;
import io.microplatform.scheduler.run.RunRepository;
import io.microplatform.scheduler.run.RunRepository.NewRun;
import io.microplatform.scheduler.run.RunRetries;
import io.microplatform.starter.tracing.TraceParents;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The way into Kafka: messages are rows of {@code work_outbox}, written in the caller's transaction (the fire,
 * the failed attempt, the dead letter), and published by {@link OutboxRelay} when due. Nothing decided in
 * PostgreSQL is lost while Kafka is down; it leaves when Kafka is back. Each row keeps the trace context of
 * what decided it, under which the relay publishes it.
 */
@Component
public class WorkQueue implements RunRetries {

    private final NamedParameterJdbcTemplate jdbc;
    private final SchedulerProperties properties;
    private final RunRepository runs;
    private final OutboxRelay relay;
    private final TraceParents traceParents;

    WorkQueue(NamedParameterJdbcTemplate jdbc, SchedulerProperties properties, RunRepository runs, OutboxRelay relay,
              TraceParents traceParents) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.runs = runs;
        this.relay = relay;
        this.traceParents = traceParents;
    }

    /**
     * Work messages for new runs, due now, each continuing the trace context given for its run (the fire's);
     * in the caller's transaction.
     */
    public void enqueue(List<NewRun> queued, Map<UUID, String> traceParentsByRun) {
        if (queued.isEmpty()) {
            return;
        }
        MapSqlParameterSource[] rows = queued.stream().map(run -> row(properties.workTopic(), run.scheduleId(),
                run.id().toString(), Duration.ZERO, traceParentsByRun.get(run.id())))
                .toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate(INSERT, rows);
    }

    /** The next attempt of a run, due after {@code delay}, in the current trace; in the caller's transaction. */
    void enqueueRetry(Run run, Duration delay) {
        jdbc.update(INSERT, row(properties.workTopic(), run.scheduleId(), run.id().toString(), delay,
                traceParents.current()));
    }

    /** A dead letter for a run whose attempts are exhausted; in the caller's transaction. */
    void enqueueDeadLetter(Run run, String message) {
        jdbc.update(INSERT, row(properties.deadLetterTopic(), run.scheduleId(), message, Duration.ZERO,
                traceParents.current()));
    }

    /** Tells the relay that messages are due now (after the transaction that wrote them committed). */
    public void wakeRelay() {
        relay.wake();
    }

    @Override
    @Transactional
    public boolean requeue(Run run) {
        if (!runs.requeue(run.id())) {
            return false;
        }
        enqueueRetry(run, Duration.ZERO);
        return true;
    }

    private static final String INSERT = """
            insert into work_outbox (topic, message_key, payload, due_at, traceparent)
            values (:topic, :key, :payload, now() + make_interval(secs => :delay), :traceparent)""";

    private static MapSqlParameterSource row(String topic, UUID key, String payload, Duration delay,
                                             String traceparent) {
        return new MapSqlParameterSource().addValue("topic", topic).addValue("key", key.toString())
                .addValue("payload", payload).addValue("delay", delay.toMillis() / 1000.0)
                .addValue("traceparent", traceparent);
    }
}
