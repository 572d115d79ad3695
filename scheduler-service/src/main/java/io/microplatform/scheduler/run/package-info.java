/**
 * Runs: every fire of a schedule, unique per {@code (schedule, fireTime)} in PostgreSQL, so a fire can never
 * be recorded twice whatever the leaders do. Transitions are conditional updates: attempts are counted once
 * each, a redelivered message of a finished run changes nothing, and only the current attempt may end a run.
 */
package io.microplatform.scheduler.run;
