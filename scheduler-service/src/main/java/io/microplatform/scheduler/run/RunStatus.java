package io.microplatform.scheduler.run;

/** QUEUED → RUNNING → SUCCEEDED, or → RETRYING → RUNNING ..., or → DEAD; SKIPPED for fires not run. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, RETRYING, DEAD, SKIPPED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == DEAD || this == SKIPPED;
    }
}
