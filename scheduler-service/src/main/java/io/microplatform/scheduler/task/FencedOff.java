package io.microplatform.scheduler.task;

/**
 * A write refused because a higher fencing token has already written: the run was fired by a leader that
 * has since been replaced. Retrying cannot help; the run ends as SKIPPED with this message.
 */
public class FencedOff extends RuntimeException {

    public FencedOff(String message) {
        super(message);
    }
}
