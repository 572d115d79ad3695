package io.microplatform.scheduler.run;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs in PostgreSQL. Every transition is one conditional update from the states it may leave, so a
 * redelivered message, a second worker or a late retry changes nothing it should not.
 */
@Repository
public class RunRepository {

    private static final String COLUMNS = """
            select id, schedule_id, fire_time, status, attempts, worker, fencing_token, queued_at, started_at,
                   finished_at, error from run\s""";
    private static final int MAX_ERROR = 2000;

    /** A fire to record: the run's id is chosen by the caller so that its message can name it. */
    public record NewRun(UUID id, UUID scheduleId, Instant fireTime, RunStatus status, String error) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    RunRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Records fires in one batch; a fire already recorded (same schedule and fire time) is left as it is.
     *
     * @return the runs that were recorded by this call
     */
    public List<NewRun> record(List<NewRun> runs, long fencingToken) {
        if (runs.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource[] rows = runs.stream().map(run -> new MapSqlParameterSource()
                .addValue("id", run.id()).addValue("schedule", run.scheduleId())
                .addValue("fire", Timestamp.from(run.fireTime())).addValue("status", run.status().name())
                .addValue("token", fencingToken).addValue("error", run.error())
                .addValue("finished", run.status().isFinal() ? Timestamp.from(Instant.now()) : null))
                .toArray(MapSqlParameterSource[]::new);
        int[] counts = batch.batchUpdate("""
                insert into run (id, schedule_id, fire_time, status, fencing_token, error, finished_at)
                values (:id, :schedule, :fire, :status, :token, :error, :finished)
                on conflict (schedule_id, fire_time) do nothing""", rows);
        List<NewRun> recorded = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                recorded.add(runs.get(i));
            }
        }
        return recorded;
    }

    public Optional<Run> find(UUID id) {
        return jdbc.sql(COLUMNS + " where id = :id").param("id", id).query(Run.class).optional();
    }

    /** The first run of a schedule (a one-shot has one), if it has fired. */
    public Optional<Run> firstOf(UUID schedule) {
        return jdbc.sql(COLUMNS + " where schedule_id = :schedule order by fire_time limit 1")
                .param("schedule", schedule).query(Run.class).optional();
    }

    /** One page of the runs, newest fire first, of one schedule and in one status if given. */
    RunPage list(UUID schedule, RunStatus status, int page, int size) {
        String where = " where (cast(:schedule as uuid) is null or schedule_id = :schedule)"
                + " and (cast(:status as varchar) is null or status = :status)";
        String statusName = status == null ? null : status.name();
        List<Run> content = jdbc.sql(COLUMNS + where + " order by fire_time desc, id limit :size offset :offset")
                .param("schedule", schedule).param("status", statusName)
                .param("size", size).param("offset", (long) page * size).query(Run.class).list();
        long total = jdbc.sql("select count(*) from run" + where)
                .param("schedule", schedule).param("status", statusName).query(Long.class).single();
        return new RunPage(content, page, size, total);
    }

    /**
     * An attempt begins: counted once, whoever starts it. A run that is final already is left alone.
     *
     * @return the attempt number, empty if the run is final (a redelivery of a finished run)
     */
    public Optional<Integer> start(UUID id, String worker) {
        return jdbc.sql("""
                        update run set status = 'RUNNING', attempts = attempts + 1, worker = :worker,
                                       started_at = now(), error = null
                        where id = :id and status in ('QUEUED', 'RETRYING', 'RUNNING')
                        returning attempts""")
                .param("id", id).param("worker", worker).query(Integer.class).optional();
    }

    /** The end of an attempt: only the attempt that is current may end it. */
    public boolean finish(UUID id, int attempt, RunStatus status, String error) {
        return jdbc.sql("""
                        update run set status = :status, error = :error,
                                       finished_at = case when :final then now() else null end
                        where id = :id and status = 'RUNNING' and attempts = :attempt""")
                .param("id", id).param("attempt", attempt).param("status", status.name())
                .param("error", truncate(error)).param("final", status.isFinal()).update() == 1;
    }

    /** Skipped without an attempt (its schedule's previous run still holds the lock). */
    public boolean skip(UUID id, String reason) {
        return jdbc.sql("""
                        update run set status = 'SKIPPED', error = :error, finished_at = now()
                        where id = :id and status in ('QUEUED', 'RETRYING')""")
                .param("id", id).param("error", truncate(reason)).update() == 1;
    }

    /**
     * A DEAD run goes back to the queue, by hand. Its attempts are history and stay counted: the retry is one
     * more attempt, and a failure of it makes the run DEAD again.
     */
    public boolean requeue(UUID id) {
        return jdbc.sql("""
                        update run set status = 'QUEUED', error = null, finished_at = null, queued_at = now()
                        where id = :id and status = 'DEAD'""")
                .param("id", id).update() == 1;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}
