package io.microplatform.scheduler.schedule;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;
import java.util.Map;

/**
 * The body of {@code POST /api/scheduler/schedules}: exactly one of {@code cron}, {@code fixedRate} (ISO-8601,
 * at least {@code PT1S}) or {@code runAt}; durations are ISO-8601 ({@code PT30S}).
 */
public record CreateSchedule(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9.-]{0,99}", message = "must be 1-100 characters of a-z, 0-9, '.', '-'")
        String name,
        @NotNull String task,
        Map<String, Object> payload,
        String cron,
        String fixedRate,
        Instant runAt,
        String zone,
        @Min(1) @Max(20) Integer maxAttempts,
        String backoff,
        Misfire misfire,
        Concurrency concurrency,
        String timeout) {
}
