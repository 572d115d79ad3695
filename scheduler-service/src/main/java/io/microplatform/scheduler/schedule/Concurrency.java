package io.microplatform.scheduler.schedule;

/** Whether runs of one schedule may overlap. */
public enum Concurrency {
    /** Runs may overlap. */
    ALLOW,
    /** A run holds the schedule's lock while it executes; a run that finds it held is SKIPPED. */
    FORBID
}
