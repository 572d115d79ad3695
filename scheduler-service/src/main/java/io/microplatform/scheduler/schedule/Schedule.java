package io.microplatform.scheduler.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * A schedule: a task, its payload, and exactly one trigger ({@code cron} in {@code zone}, {@code fixedRate}
 * or {@code runAt}). Durations are ISO-8601 in the API ({@code PT1S}).
 */
public record Schedule(UUID id, String name, String task, Map<String, Object> payload, String cron, ZoneId zone,
                       Duration fixedRate, Instant runAt, int maxAttempts, Duration backoff, Misfire misfire,
                       Concurrency concurrency, Duration timeout, ScheduleState state, Instant nextFireAt,
                       Instant lastFireAt, Instant createdAt) {

    public Trigger trigger() {
        return Trigger.of(cron, zone, fixedRate, runAt);
    }
}
