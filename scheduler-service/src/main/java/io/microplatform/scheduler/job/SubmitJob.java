package io.microplatform.scheduler.job;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.Map;

/** The body of {@code POST /api/scheduler/jobs}: a name, and optionally a task (default {@code noop}) and its payload. */
public record SubmitJob(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9.-]{0,99}", message = "must be 1-100 characters of a-z, 0-9, '.', '-'")
        String name,
        String task,
        Map<String, Object> payload) {
}
