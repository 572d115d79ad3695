package io.microplatform.cache.ring;

import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cache/ring")
class RingController {

    private final CacheRing ring;

    RingController(CacheRing ring) {
        this.ring = ring;
    }

    @GetMapping
    RingView ring() {
        return ring.view();
    }

    @GetMapping("/owners/{key}")
    RingOwners owners(@PathVariable @Pattern(regexp = "[A-Za-z0-9:._-]{1,200}",
            message = "must be 1-200 characters of A-Z, a-z, 0-9, ':', '.', '_', '-'") String key) {
        return new RingOwners(key, ring.owners(key));
    }
}
