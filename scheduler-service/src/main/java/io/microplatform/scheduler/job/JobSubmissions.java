package io.microplatform.scheduler.job;

import io.microplatform.scheduler.schedule.Schedule;
import io.microplatform.scheduler.schedule.Schedules;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Submits a job, once per {@code Idempotency-Key}. The key is claimed in the transaction that inserts the job:
 * a second request with the key waits for the first one's transaction (the key's unique index) and then answers
 * with that job, so a client that retries after a lost answer, or the gateway retrying on another instance, never
 * makes two jobs. The same key with a different request is refused (422) and changes nothing.
 */
@Service
class JobSubmissions {

    private final Schedules schedules;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    JobSubmissions(Schedules schedules, JdbcClient jdbc, JsonMapper json) {
        this.schedules = schedules;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The job, and whether it was made by an earlier request with the same key. */
    record Submitted(Schedule job, boolean replayed) {
    }

    @Transactional
    Submitted submit(SubmitJob request, String idempotencyKey) {
        String task = request.task() == null ? "noop" : request.task();
        Map<String, Object> payload = request.payload() == null ? Map.of() : request.payload();
        UUID id = UUID.randomUUID();
        if (idempotencyKey == null) {
            return new Submitted(schedules.createImmediate(id, request.name(), task, payload), false);
        }
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.put("name", request.name());
        asked.put("task", task);
        asked.put("payload", payload);
        String requestJson = json.writeValueAsString(asked);
        boolean claimed = jdbc.sql("""
                        insert into job_key (idempotency_key, job_id, request) values (:key, :id, cast(:request as jsonb))
                        on conflict (idempotency_key) do nothing""")
                .param("key", idempotencyKey).param("id", id).param("request", requestJson)
                .update() == 1;
        if (claimed) {
            return new Submitted(schedules.createImmediate(id, request.name(), task, payload), false);
        }
        // jsonb equality: the same request whatever the order of its payload's fields
        Earlier earlier = jdbc.sql("""
                        select job_id, request = cast(:request as jsonb) as same from job_key
                        where idempotency_key = :key""")
                .param("key", idempotencyKey).param("request", requestJson)
                .query((rs, n) -> new Earlier(rs.getObject(1, UUID.class), rs.getBoolean(2))).single();
        if (!earlier.same()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.of("idempotency-key-reused"),
                    "Idempotency-Key '" + idempotencyKey + "' was used for a different job (" + earlier.jobId()
                            + "); use a new key for a new job");
        }
        return new Submitted(schedules.get(earlier.jobId()), true);
    }

    private record Earlier(UUID jobId, boolean same) {
    }
}
