package io.microplatform.scheduler.run;

/** Puts a run back on the work queue; implemented where the queue is. */
public interface RunRetries {

    /** @return false if the run is not DEAD (nothing changed) */
    boolean requeue(Run run);
}
