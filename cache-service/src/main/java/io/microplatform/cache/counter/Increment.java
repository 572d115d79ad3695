package io.microplatform.cache.counter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/cache/counters/{name}/increments}: counters only go up. */
public record Increment(@NotNull @Min(1) @Max(1_000_000_000) Long delta) {
}
