package io.microplatform.cache;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Feature packages of cache-service reach each other only through their public types, and never in a cycle. */
class CacheBoundariesTest {

    @Test
    void featuresTouchEachOtherOnlyThroughTheirPublicSurface() {
        ApplicationModules.of(CacheApplication.class).verify();
    }
}
