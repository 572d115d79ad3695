/**
 * scheduler-service: distributed job scheduling with one leader and many workers.
 *
 * <ul>
 *   <li>{@link io.microplatform.scheduler.schedule}: schedules (cron, fixed rate, one-shot) and the trigger
 *   arithmetic, misfire policies included;</li>
 *   <li>{@link io.microplatform.scheduler.leader}: the leader lease (hot-warm), its fencing token checked by
 *   PostgreSQL, and the fire loop only the leader runs;</li>
 *   <li>{@link io.microplatform.scheduler.work}: the transactional outbox to Kafka, the workers of the
 *   consumer group, retries and dead letters;</li>
 *   <li>{@link io.microplatform.scheduler.run}: every fire as a run, and its state transitions;</li>
 *   <li>{@link io.microplatform.scheduler.task}: the tasks a schedule can run;</li>
 *   <li>{@link io.microplatform.scheduler.job}: "run this task now", a one-shot schedule.</li>
 * </ul>
 */
package io.microplatform.scheduler;
