package io.microplatform.order.order;

import org.springframework.stereotype.Component;

/**
 * Fault injection for the Saga steps, for the tests that prove each step's failure is compensated: a test
 * names a step, and that step fails before doing anything. Inert unless a test arms it; no endpoint reaches it.
 */
@Component
class SagaFaults {

    static final class InjectedFault extends RuntimeException {

        InjectedFault(String step) {
            super("fault injected at " + step);
        }
    }

    private volatile String failAt;

    void failAt(String step) {
        this.failAt = step;
    }

    void clear() {
        this.failAt = null;
    }

    void check(String step) {
        if (step.equals(failAt)) {
            throw new InjectedFault(step);
        }
    }
}
