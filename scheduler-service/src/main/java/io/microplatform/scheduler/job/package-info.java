/**
 * One-shot jobs, {@code POST /api/scheduler/jobs}: a schedule with {@code runAt} = now, fired by the leader on
 * its next pass, then run by a worker like any other run. The job's id is its schedule's id. A job is made once per
 * {@code Idempotency-Key} ({@code JobSubmissions}).
 */
package io.microplatform.scheduler.job;
