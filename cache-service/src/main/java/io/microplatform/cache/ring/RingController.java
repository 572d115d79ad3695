package io.microplatform.cache.ring;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cache/ring")
@Tag(name = "ring", description = "The consistent-hash ring as this instance sees it")
class RingController {

    private final CacheRing ring;

    RingController(CacheRing ring) {
        this.ring = ring;
    }

    @GetMapping
    @Operation(summary = "The ring's nodes with their share of keys and whether they are in service")
    RingView ring() {
        return ring.view();
    }

    @GetMapping("/owners/{key}")
    @Operation(summary = "The owners of a key, in the order reads try them")
    RingOwners owners(@PathVariable @Pattern(regexp = "[A-Za-z0-9:._-]{1,200}",
            message = "must be 1-200 characters of A-Z, a-z, 0-9, ':', '.', '_', '-'") String key) {
        return new RingOwners(key, ring.owners(key));
    }
}
