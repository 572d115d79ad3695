package io.microplatform.scheduler.schedule;

/** What the leader does with fires it missed (a leaderless gap, a pause of the leader). */
public enum Misfire {
    /** Missed fires are recorded as SKIPPED runs; the schedule goes on at its next time. */
    SKIP,
    /** The most recent missed fire runs; older ones are recorded as SKIPPED. */
    FIRE_ONCE,
    /** Up to {@code catch-up-max} of the most recent missed fires run; older ones are recorded as SKIPPED. */
    CATCH_UP
}
