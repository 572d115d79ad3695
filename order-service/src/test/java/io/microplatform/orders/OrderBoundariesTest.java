package io.microplatform.orders;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package of order-service is a module: another feature may use its public types only, and no two
 * features depend on each other in a cycle (placement uses order's reads; order never reaches into placement).
 */
class OrderBoundariesTest {

    @Test
    void featuresTouchEachOtherOnlyThroughTheirPublicSurface() {
        ApplicationModules.of(OrderApplication.class).verify();
    }
}
