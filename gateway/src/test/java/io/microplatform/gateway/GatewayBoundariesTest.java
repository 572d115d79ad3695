package io.microplatform.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each pattern package of the gateway is a module: another may use its public types only, and none depends on
 * another in a cycle. {@code config} (live settings, the matched route) is the one every pattern uses.
 */
class GatewayBoundariesTest {

    @Test
    void patternsTouchEachOtherOnlyThroughTheirPublicSurface() {
        ApplicationModules.of(GatewayApplication.class).verify();
    }
}
