package io.microplatform.cache.counter;

import io.microplatform.starter.IdempotencyKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cache/counters")
@Tag(name = "counters", description = "Counters exact under concurrency; a retried Idempotency-Key counts once")
class CounterController {

    private static final String NAME = "[A-Za-z0-9._-]{1,200}";
    private static final String NAME_MESSAGE = "must be 1-200 characters of A-Z, a-z, 0-9, '.', '_', '-'";

    private final Counters counters;

    CounterController(Counters counters) {
        this.counters = counters;
    }

    @PostMapping("/{name}/increments")
    @Operation(summary = "Adds `delta` to a counter and answers the new value")
    Counter increment(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
                      @RequestHeader(name = IdempotencyKey.HEADER, required = false)
                      @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be 1-100 characters of A-Z, a-z, 0-9, '.', '_', ':', '-'")
                      String idempotencyKey,
                      @Valid @RequestBody Increment increment) {
        return new Counter(name, counters.increment(name, increment.delta(), idempotencyKey));
    }

    @GetMapping("/{name}")
    @Operation(summary = "A counter's value (0 if never incremented)")
    Counter get(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name) {
        return new Counter(name, counters.value(name));
    }
}
