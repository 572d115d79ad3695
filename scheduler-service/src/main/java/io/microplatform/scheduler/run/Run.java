package io.microplatform.scheduler.run;

import java.time.Instant;
import java.util.UUID;

/**
 * One fire of a schedule. {@code fencingToken} is the token of the leader that recorded the fire;
 * {@code worker} the instance that ran the last attempt.
 */
public record Run(UUID id, UUID scheduleId, Instant fireTime, RunStatus status, int attempts, String worker,
                  long fencingToken, Instant queuedAt, Instant startedAt, Instant finishedAt, String error) {
}
