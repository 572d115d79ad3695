package io.microplatform.cache.entry;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /api/cache/entries/{key}}; without {@code ttlSeconds} the default applies. */
public record PutEntry(@NotNull @Size(max = 65536) String value, @Positive Long ttlSeconds) {
}
