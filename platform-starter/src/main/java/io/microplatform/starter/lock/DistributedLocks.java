package io.microplatform.starter.lock;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Distributed locks on Redis: leases with an owner id and a TTL, renewed by a watchdog while held, released
 * by their owner only, each acquisition carrying a fencing token that only grows. See the package
 * documentation for the guarantees and for what a lock alone cannot guarantee.
 *
 * <p>Thread-safe; one instance per application. {@link #close()} stops the watchdog (leases then run out by
 * their TTL unless released).
 */
public final class DistributedLocks implements AutoCloseable {

    private static final RedisScript<Long> ACQUIRE = script("acquire.lua");
    private static final RedisScript<Long> RENEW = script("renew.lua");
    private static final RedisScript<Long> RELEASE = script("release.lua");

    private final StringRedisTemplate redis;
    private final LockProperties properties;
    private final String ownerPrefix;
    /** How often the watchdog looks for leases due for renewal. */
    static final Duration WATCHDOG_TICK = Duration.ofMillis(50);

    private final ScheduledExecutorService watchdog;
    private final Set<DistributedLock> held = ConcurrentHashMap.newKeySet();
    private final String processId = UUID.randomUUID().toString();
    private final AtomicLong acquisitions = new AtomicLong();

    /**
     * @param ownerPrefix names this process in the owner ids of its leases (e.g. the service instance), so that
     *                    a lock's holder can be read off Redis
     */
    public DistributedLocks(StringRedisTemplate redis, LockProperties properties, String ownerPrefix) {
        this.redis = redis;
        this.properties = properties;
        this.ownerPrefix = ownerPrefix;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lock-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // one sweep for every held lease, rather than a timer per lease: taking and releasing a lock then touches
        // a concurrent set only, not a shared timer queue
        this.watchdog.scheduleWithFixedDelay(this::renewDue, WATCHDOG_TICK.toMillis(), WATCHDOG_TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** {@link #tryLock(String, Duration, Duration)} with the configured lease time. */
    public Optional<DistributedLock> tryLock(String name, Duration waitTime) {
        return tryLock(name, waitTime, properties.leaseTime());
    }

    /**
     * Takes the lock if it is free, waiting up to {@code waitTime} for it (zero: one attempt). The lease lasts
     * {@code leaseTime} in Redis and is renewed every third of it until {@link DistributedLock#close()}.
     *
     * @return the held lock, or empty if another owner held it for the whole wait
     * @throws org.springframework.dao.DataAccessException if Redis cannot be reached: not knowing is not "free"
     */
    public Optional<DistributedLock> tryLock(String name, Duration waitTime, Duration leaseTime) {
        if (leaseTime.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("lease time of lock " + name + " must be at least 300ms, was " + leaseTime);
        }
        // unique per acquisition: this process's random id and a sequence (UUID.randomUUID would serialise
        // every acquisition of the process on one SecureRandom)
        String owner = ownerPrefix + ":" + processId + ":" + acquisitions.incrementAndGet();
        long deadline = System.nanoTime() + waitTime.toNanos();
        while (true) {
            long sent = System.nanoTime();
            Long token = redis.execute(ACQUIRE, List.of(key(name), fenceKey(name)), owner,
                    Long.toString(leaseTime.toMillis()));
            if (token != null && token > 0) {
                DistributedLock lock = new DistributedLock(this, name, owner, token, leaseTime, sent);
                held.add(lock);
                return Optional.of(lock);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Optional.empty();
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(remaining, properties.retryInterval().toNanos()));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The owner id of the current lease of a lock, if any (for status pages; never for decisions). */
    public Optional<String> holder(String name) {
        return Optional.ofNullable(redis.opsForValue().get(key(name)));
    }

    /** Time left on the current lease of a lock, if it is held. */
    public Optional<Duration> remainingLease(String name) {
        Long millis = redis.getExpire(key(name), TimeUnit.MILLISECONDS);
        return millis != null && millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }

    private void renewDue() {
        long now = System.nanoTime();
        for (DistributedLock lock : held) {
            if (lock.renewalDue(now)) {
                lock.renew();
            }
        }
    }

    /** A lease released or lost: no longer renewed. */
    void forget(DistributedLock lock) {
        held.remove(lock);
    }

    boolean renew(String name, String owner, Duration leaseTime) {
        Long extended = redis.execute(RENEW, List.of(key(name)), owner, Long.toString(leaseTime.toMillis()));
        return extended != null && extended == 1;
    }

    boolean release(String name, String owner) {
        Long deleted = redis.execute(RELEASE, List.of(key(name)), owner);
        return deleted != null && deleted == 1;
    }

    // the hash tag keeps a lock and its counter in one slot, as a script's keys must be on a Redis Cluster
    private String key(String name) {
        return properties.keyPrefix() + "{" + name + "}";
    }

    private String fenceKey(String name) {
        return properties.keyPrefix() + "{" + name + "}:fence";
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    // the text is read once: a script made from a Resource checks the file's modification time again on every
    // call, under a lock that every thread taking a lock would then queue on
    private static RedisScript<Long> script(String file) {
        try {
            return RedisScript.of(new ClassPathResource(file, DistributedLocks.class)
                    .getContentAsString(StandardCharsets.UTF_8), Long.class);
        }
        catch (IOException e) {
            throw new UncheckedIOException("lock script " + file + " is missing", e);
        }
    }
}
