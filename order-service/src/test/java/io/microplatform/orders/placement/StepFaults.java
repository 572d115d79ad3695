package io.microplatform.orders.placement;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The tests' {@link StepGate}: a test makes a step fail before it does anything ({@link #failAt}), or holds an
 * order at a step until it has crashed a participant ({@link #pauseAt}). Open unless a test arms it.
 * {@link StepFaultsInEveryContext} puts it in every integration test's context.
 */
class StepFaults implements StepGate {

    static final class InjectedFault extends RuntimeException {

        InjectedFault(String step) {
            super("fault injected at " + step);
        }
    }

    private volatile String failAt;
    private volatile String pauseAt;
    private volatile CountDownLatch resume = new CountDownLatch(0);

    void failAt(String step) {
        this.failAt = step;
    }

    void pauseAt(String step) {
        this.resume = new CountDownLatch(1);
        this.pauseAt = step;
    }

    void resume() {
        resume.countDown();
    }

    void clear() {
        failAt = null;
        pauseAt = null;
        resume.countDown();
    }

    @Override
    public void pass(String step) {
        if (step.equals(failAt)) {
            throw new InjectedFault(step);
        }
        if (step.equals(pauseAt)) {
            try {
                if (!resume.await(2, TimeUnit.MINUTES)) {
                    throw new InjectedFault(step + " (paused and never resumed)");
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InjectedFault(step + " (interrupted while paused)");
            }
        }
    }
}
