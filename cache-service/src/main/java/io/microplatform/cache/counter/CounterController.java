package io.microplatform.cache.counter;

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
class CounterController {

    private static final String NAME = "[A-Za-z0-9._-]{1,200}";
    private static final String NAME_MESSAGE = "must be 1-200 characters of A-Z, a-z, 0-9, '.', '_', '-'";

    private final Counters counters;

    CounterController(Counters counters) {
        this.counters = counters;
    }

    @PostMapping("/{name}/increments")
    Counter increment(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
                      @RequestHeader(name = "Idempotency-Key", required = false)
                      @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be 1-100 characters of A-Z, a-z, 0-9, '.', '_', ':', '-'")
                      String idempotencyKey,
                      @Valid @RequestBody Increment increment) {
        return new Counter(name, counters.increment(name, increment.delta(), idempotencyKey));
    }

    @GetMapping("/{name}")
    Counter get(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name) {
        return new Counter(name, counters.value(name));
    }
}
