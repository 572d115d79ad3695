package io.microplatform.scheduler.job;

import java.time.Instant;
import java.util.UUID;

/** A job and what became of it. {@code worker} names the instance that ran it. */
public record Job(UUID id, String name, String payload, JobStatus status, int attempts, String worker,
                  Instant createdAt, Instant finishedAt) {

    public enum JobStatus {
        QUEUED, SUCCEEDED
    }
}
