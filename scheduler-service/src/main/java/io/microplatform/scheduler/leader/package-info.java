/**
 * One leader fires schedules; every instance is a worker (hot-warm for firing, hot-hot for running).
 *
 * <h2>The lease</h2>
 * Leadership is the Redis lock {@code scheduler:leader} of platform-starter's
 * {@link io.microplatform.starter.lock.DistributedLocks}: taken only if free, with an owner id and a TTL
 * ({@code leader-lease}, 10 s), renewed by its owner only every third of the TTL, released by its owner only
 * on shutdown (a planned handover takes one standby poll interval, 0.5 s). A leader that cannot renew stops
 * firing when its lease may have run out, measured from when its last renewal was sent, before Redis can give
 * the lease to another instance.
 *
 * <h2>The fencing token, and why it lives in PostgreSQL</h2>
 * A lease cannot stop a leader that was paused (GC, SIGSTOP) between checking its lease and writing. So each
 * new leadership takes a token from the row {@code leader_fence} (bumped in PostgreSQL), and every fire
 * transaction ends by reading that row in share mode: if a higher token has been granted, it rolls back and
 * the instance steps down ({@code scheduler_fence_refusals_total{resource="leader"}}). The token comes from
 * PostgreSQL rather than from the lock's Redis counter because the fence is checked in PostgreSQL, and because
 * a Redis restarted without its data would restart its counter: a token from the database that checks it can
 * never go backwards, whatever happens to Redis. Redis decides who may lead; PostgreSQL decides whose writes
 * count. Even two leaders at once (a split brain) could not record one fire twice: {@code (schedule, fire_time)}
 * is unique.
 *
 * <h2>The clock</h2>
 * Fire times are computed from the schedule, never from "now"; only the leader's clock decides when a fire is
 * due. After a failover the new leader's clock takes over: a skew between instances shifts when fires happen,
 * not which fires happen.
 */
package io.microplatform.scheduler.leader;
