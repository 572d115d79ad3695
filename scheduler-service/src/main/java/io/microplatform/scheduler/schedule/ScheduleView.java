package io.microplatform.scheduler.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A schedule as the API shows it: durations as ISO-8601 text, as they were given. */
public record ScheduleView(UUID id, String name, String task, Map<String, Object> payload, String cron, String zone,
                           String fixedRate, Instant runAt, int maxAttempts, String backoff, Misfire misfire,
                           Concurrency concurrency, String timeout, ScheduleState state, Instant nextFireAt,
                           Instant lastFireAt, Instant createdAt) {

    static ScheduleView of(Schedule s) {
        return new ScheduleView(s.id(), s.name(), s.task(), s.payload(), s.cron(), s.zone().getId(), iso(s.fixedRate()),
                s.runAt(), s.maxAttempts(), iso(s.backoff()), s.misfire(), s.concurrency(), iso(s.timeout()), s.state(),
                s.nextFireAt(), s.lastFireAt(), s.createdAt());
    }

    private static String iso(Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
