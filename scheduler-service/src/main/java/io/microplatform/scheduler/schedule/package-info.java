/**
 * Schedules: a task with its payload and exactly one trigger (a Spring cron expression in a zone, a fixed rate
 * anchored to the first fire, or a one-shot instant), retry settings, a misfire policy and a concurrency
 * policy. {@link io.microplatform.scheduler.schedule.Trigger} and
 * {@link io.microplatform.scheduler.schedule.FirePlan} are pure arithmetic (no clock, no database), so the
 * timing rules are unit-tested with any "now".
 *
 * <p>A misfire is a fire found later than {@code misfire-threshold}: after a leaderless gap or a paused
 * leader. It is never silent: every missed fire is either run or recorded as a SKIPPED run (up to a bound,
 * beyond which it is counted in {@code scheduler_misfires_total} and logged).
 */
package io.microplatform.scheduler.schedule;
