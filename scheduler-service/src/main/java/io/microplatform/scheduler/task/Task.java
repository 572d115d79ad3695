package io.microplatform.scheduler.task;

import java.util.Map;

/** A named piece of work a schedule can run. Implementations are beans; {@link #name()} is what schedules use. */
public interface Task {

    String name();

    /**
     * Checks a payload when a schedule is created, so that a schedule that could never run is refused then.
     *
     * @throws IllegalArgumentException with a message that says what to change
     */
    default void validate(Map<String, Object> payload) {
    }

    /** One attempt. Throwing fails the attempt (it is retried up to the schedule's {@code maxAttempts}). */
    void run(TaskContext context) throws Exception;
}
