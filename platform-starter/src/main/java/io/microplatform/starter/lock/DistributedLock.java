package io.microplatform.starter.lock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A held lease on a lock of {@link DistributedLocks}. While it is held a watchdog renews it every third of
 * its lease time; {@link #close()} releases it (owner only).
 *
 * <p>{@link #isHeld()} is the holder's own, conservative view: false once a renewal was refused, once the
 * lease may have run out in Redis (measured from when the last successful acquire or renew request was
 * <em>sent</em>, less a margin for clock-rate drift), or after {@link #close()}. A holder checks it before
 * acting, and passes {@link #fencingToken()} to every resource that can check it, because a process can pause
 * between the check and the action.
 */
public final class DistributedLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DistributedLock.class);

    private final DistributedLocks locks;
    private final String name;
    private final String owner;
    private final long fencingToken;
    private final Duration leaseTime;
    private final List<Runnable> lostListeners = new CopyOnWriteArrayList<>();
    private volatile long validUntilNanos;
    private volatile boolean lost;
    private volatile boolean released;
    private volatile long nextRenewalNanos;

    DistributedLock(DistributedLocks locks, String name, String owner, long fencingToken, Duration leaseTime,
                    long sentNanos) {
        this.locks = locks;
        this.name = name;
        this.owner = owner;
        this.fencingToken = fencingToken;
        this.leaseTime = leaseTime;
        this.validUntilNanos = validUntil(sentNanos);
        this.nextRenewalNanos = sentNanos + renewalPeriod();
    }

    public String name() {
        return name;
    }

    /** The owner id written to Redis: this process's prefix and id, and a sequence number per acquisition. */
    public String owner() {
        return owner;
    }

    /** Grows with every acquisition of this lock name, as long as Redis keeps its data. */
    public long fencingToken() {
        return fencingToken;
    }

    public boolean isHeld() {
        return !lost && !released && System.nanoTime() - validUntilNanos < 0;
    }

    /** Runs {@code listener} once, on the watchdog's thread, when the lease is lost (not when it is released). */
    public void onLost(Runnable listener) {
        lostListeners.add(listener);
        if (lost) {
            listener.run();
        }
    }

    boolean renewalDue(long nowNanos) {
        return nowNanos - nextRenewalNanos >= 0;
    }

    private long renewalPeriod() {
        return leaseTime.toNanos() / 3;
    }

    void renew() {
        if (released || lost) {
            return;
        }
        if (System.nanoTime() - validUntilNanos >= 0) {
            markLost("the lease ran out before it could be renewed");
            return;
        }
        long sent = System.nanoTime();
        try {
            if (locks.renew(name, owner, leaseTime)) {
                validUntilNanos = validUntil(sent);
                nextRenewalNanos = sent + renewalPeriod();
            }
            else {
                markLost("Redis no longer holds this owner's lease");
            }
        }
        catch (RuntimeException e) {
            // try again soon; the lease is given up locally once it may have run out
            nextRenewalNanos = System.nanoTime() + renewalPeriod() / 4;
            log.warn("lock {}: renewal failed ({}); lease valid for another {} ms", name, e.getMessage(),
                    Math.max(0, (validUntilNanos - System.nanoTime()) / 1_000_000));
        }
    }

    private long validUntil(long sentNanos) {
        // Redlock's margin for processes whose clocks run at slightly different rates: 1 % plus 2 ms
        long drift = leaseTime.toNanos() / 100 + 2_000_000;
        return sentNanos + leaseTime.toNanos() - drift;
    }

    private void markLost(String reason) {
        if (lost || released) {
            return;
        }
        lost = true;
        cancelWatchdog();
        log.warn("lock {} lost by {} (token {}): {}", name, owner, fencingToken, reason);
        for (Runnable listener : lostListeners) {
            try {
                listener.run();
            }
            catch (RuntimeException e) {
                log.warn("lock {}: a lost-lease listener failed", name, e);
            }
        }
    }

    private void cancelWatchdog() {
        locks.forget(this);
    }

    /** Releases the lease if this owner still holds it; never deletes another owner's lease. */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        cancelWatchdog();
        try {
            locks.release(name, owner);
        }
        catch (RuntimeException e) {
            log.warn("lock {}: release failed ({}); the lease runs out by its TTL", name, e.getMessage());
        }
    }
}
