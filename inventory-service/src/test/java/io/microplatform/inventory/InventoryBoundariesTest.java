package io.microplatform.inventory;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** {@code product} and {@code stock} reach each other only through their public types, and never in a cycle. */
class InventoryBoundariesTest {

    @Test
    void featuresTouchEachOtherOnlyThroughTheirPublicSurface() {
        ApplicationModules.of(InventoryApplication.class).verify();
    }
}
