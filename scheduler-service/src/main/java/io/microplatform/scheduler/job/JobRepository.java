package io.microplatform.scheduler.job;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class JobRepository {

    private static final String COLUMNS =
            "select id, name, payload, status, attempts, worker, created_at, finished_at from job";

    private final JdbcClient jdbc;

    JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertQueued(UUID id, String name, String payload) {
        jdbc.sql("insert into job (id, name, payload, status) values (:id, :name, :payload, 'QUEUED')")
                .param("id", id).param("name", name).param("payload", payload).update();
    }

    void delete(UUID id) {
        jdbc.sql("delete from job where id = :id").param("id", id).update();
    }

    /** Idempotent: only a queued job changes, so a redelivered message is a no-op. */
    boolean markSucceeded(UUID id, String worker) {
        return jdbc.sql("update job set status = 'SUCCEEDED', attempts = attempts + 1, worker = :worker,"
                        + " finished_at = now() where id = :id and status = 'QUEUED'")
                .param("id", id).param("worker", worker).update() == 1;
    }

    Optional<Job> findById(UUID id) {
        return jdbc.sql(COLUMNS + " where id = :id").param("id", id).query(Job.class).optional();
    }

    List<Job> findRecent(int limit) {
        return jdbc.sql(COLUMNS + " order by created_at desc, id limit :limit").param("limit", limit)
                .query(Job.class).list();
    }
}
