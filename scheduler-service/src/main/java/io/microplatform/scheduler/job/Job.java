package io.microplatform.scheduler.job;

import io.microplatform.scheduler.run.Run;
import io.microplatform.scheduler.run.RunStatus;
import io.microplatform.scheduler.schedule.Schedule;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A job: a one-shot schedule seen with its single run. {@code id} is the schedule's; {@code runId} and the
 * run's fields appear once the leader has fired it ({@code status} is QUEUED until then).
 */
public record Job(UUID id, String name, String task, Map<String, Object> payload, RunStatus status, int attempts,
                  String worker, UUID runId, Instant createdAt, Instant finishedAt, String error) {

    static Job of(Schedule schedule, Run run) {
        if (run == null) {
            return new Job(schedule.id(), schedule.name(), schedule.task(), schedule.payload(), RunStatus.QUEUED, 0,
                    null, null, schedule.createdAt(), null, null);
        }
        return new Job(schedule.id(), schedule.name(), schedule.task(), schedule.payload(), run.status(),
                run.attempts(), run.worker(), run.id(), schedule.createdAt(), run.finishedAt(), run.error());
    }
}
