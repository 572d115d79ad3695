/**
 * Distributed locks on Redis, the one implementation the platform uses for mutual exclusion across processes
 * (the scheduler's leader lease, a schedule's {@code concurrency: FORBID}, anything later).
 *
 * <h2>What a lock guarantees</h2>
 * <ul>
 *   <li><b>Mutual exclusion while Redis keeps its data</b>: a lease is taken with {@code SET NX PX} and an owner
 *   id unique to that acquisition.</li>
 *   <li><b>Owner-only renewal and release</b>: a watchdog renews the lease every third of its TTL with a
 *   compare-and-extend script, and {@code close()} releases it with compare-and-delete. A process whose lease
 *   ran out and was taken by another can neither extend nor delete the new holder's lease (the trap of
 *   ShedLock's plain {@code DEL} and of renewals that do not check the owner).</li>
 *   <li><b>A lease never outlives the holder's belief in it</b>: {@link io.microplatform.starter.lock.DistributedLock#isHeld()}
 *   turns false when the lease may have run out in Redis, measured from when the last acquire or renew was
 *   sent, less a drift margin, so a holder that cannot reach Redis stops acting before another can take the
 *   lock.</li>
 *   <li><b>A fencing token</b> per acquisition, from a counter incremented in the same script as the
 *   acquisition.</li>
 * </ul>
 *
 * <h2>What it cannot guarantee, and what the platform does about it</h2>
 * A process can pause (GC, SIGSTOP, a slow disk) between checking {@code isHeld()} and acting; when it resumes
 * its lease may belong to someone else. No lock can prevent that: the resource must refuse the late write.
 * Holders therefore pass their fencing token with every write, and the resources keep the highest token they
 * have seen (Martin Kleppmann, "How to do distributed locking"). The Redis counter only grows while Redis
 * keeps its data; where a token must survive Redis losing its data (the scheduler's leader), the resource
 * issues the token itself from PostgreSQL on each acquisition (see scheduler-service's {@code leader} package).
 *
 * <h2>Why our own three scripts, not a library</h2>
 * Spring Integration's {@code RedisLockRegistry} has no fencing tokens and its leader initiator polls every
 * 500 ms; Redisson's {@code RFencedLock} ignores the lease time given to {@code lockAndGetToken(lease, unit)},
 * keeps its counter in Redis only, and its Boot starter replaces the services' Redis connection factory.
 * The whole algorithm here is three Lua scripts of a few lines each (next to this class) and a watchdog: one
 * sweep every 50 ms renews the held leases that are due, rather than a timer per lease.
 */
package io.microplatform.starter.lock;
