package io.microplatform.scheduler;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Feature packages of scheduler-service reach each other only through their public types, and never in a cycle. */
class SchedulerBoundariesTest {

    @Test
    void featuresTouchEachOtherOnlyThroughTheirPublicSurface() {
        ApplicationModules.of(SchedulerApplication.class).verify();
    }
}
