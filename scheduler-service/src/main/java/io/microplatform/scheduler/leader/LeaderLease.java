package io.microplatform.scheduler.leader;

import io.microplatform.scheduler.SchedulerProperties;
import io.microplatform.starter.lock.DistributedLock;
import io.microplatform.starter.lock.DistributedLocks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Hot-warm leadership: every candidate instance tries to take the Redis lock {@value #LOCK} every
 * {@code leader-poll-interval}; the one that holds it leads, with a fencing token granted by PostgreSQL
 * ({@link LeaderFence}). The lease is renewed by the lock's watchdog; when it is lost (renewal refused, or the
 * lease may have run out), the instance steps down at once. On shutdown it releases the lease, so that a
 * standby takes over within one poll interval instead of one TTL.
 */
@Component
public class LeaderLease implements SmartLifecycle {

    static final String LOCK = "scheduler:leader";
    private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);

    /** One term of leadership. */
    public record Leadership(DistributedLock lock, long token, Instant since) {

        public boolean isHeld() {
            return lock.isHeld();
        }
    }

    private final DistributedLocks locks;
    private final LeaderFence fence;
    private final SchedulerProperties properties;
    private final Clock clock;
    private volatile Leadership current;
    private volatile boolean running;
    private volatile boolean redisUnreachable;
    private Thread election;

    LeaderLease(DistributedLocks locks, LeaderFence fence, SchedulerProperties properties, Clock clock,
                MeterRegistry meters) {
        this.locks = locks;
        this.fence = fence;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("scheduler.leader", () -> isLeading() ? 1 : 0).tag("instance", properties.instanceId())
                .description("1 while this instance leads").register(meters);
    }

    public boolean isLeading() {
        Leadership leadership = current;
        return leadership != null && leadership.isHeld();
    }

    /** The current term if this instance leads and its lease is still valid. */
    public Optional<Leadership> leadership() {
        Leadership leadership = current;
        return leadership != null && leadership.isHeld() ? Optional.of(leadership) : Optional.empty();
    }

    /** Steps down from a term that a resource refused (a higher token exists): the lease is someone else's. */
    void fencedOff(Leadership leadership, String reason) {
        stepDown(leadership, reason);
        leadership.lock().close();
    }

    private void elect() {
        while (running) {
            Leadership leadership = current;
            if (leadership != null && !leadership.isHeld()) {
                stepDown(leadership, "the lease was lost");
                leadership = null;
            }
            if (leadership == null) {
                tryToLead();
            }
            pause(current != null ? Duration.ofMillis(100) : properties.leaderPollInterval());
        }
    }

    private void tryToLead() {
        Optional<DistributedLock> lock;
        try {
            lock = locks.tryLock(LOCK, Duration.ZERO, properties.leaderLease());
            if (redisUnreachable) {
                redisUnreachable = false;
                log.info("leader election: Redis reachable again");
            }
        }
        catch (RuntimeException e) {
            if (!redisUnreachable) {
                redisUnreachable = true;
                log.warn("leader election: cannot reach Redis ({}); no instance can lead until it is back", e.getMessage());
            }
            return;
        }
        if (lock.isEmpty()) {
            return;
        }
        long token;
        try {
            token = fence.grant(properties.instanceId());
        }
        catch (RuntimeException e) {
            log.warn("leader election: took the lease but PostgreSQL granted no token ({}); releasing it", e.getMessage());
            lock.get().close();
            return;
        }
        Leadership leadership = new Leadership(lock.get(), token, clock.instant());
        current = leadership;
        lock.get().onLost(() -> stepDown(leadership, "the lease was lost"));
        log.info("leader: {} leads with fencing token {} (lease {})", properties.instanceId(), token,
                properties.leaderLease());
    }

    private synchronized void stepDown(Leadership leadership, String reason) {
        if (current == leadership) {
            current = null;
            log.warn("leader: {} steps down (fencing token {}): {}", properties.instanceId(), leadership.token(), reason);
        }
    }

    private void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void start() {
        if (!properties.leaderCandidate()) {
            log.info("leader election: {} is a worker only (microplatform.scheduler.leader-candidate=false)",
                    properties.instanceId());
            return;
        }
        running = true;
        election = new Thread(this::elect, "leader-election");
        election.setDaemon(true);
        election.start();
    }

    /** Stops leading and releases the lease: the planned handover. Runs before the web server stops. */
    @Override
    public void stop() {
        running = false;
        if (election != null) {
            election.interrupt();
            try {
                election.join(2000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Leadership leadership = current;
        current = null;
        if (leadership != null) {
            leadership.lock().close();
            log.info("leader: {} released the lease (fencing token {}) on shutdown", properties.instanceId(),
                    leadership.token());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
