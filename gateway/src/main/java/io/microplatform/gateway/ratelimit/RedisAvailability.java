package io.microplatform.gateway.ratelimit;

import io.lettuce.core.RedisCommandTimeoutException;
import io.microplatform.starter.Causes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.QueryTimeoutException;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the rate limiter may ask Redis. While Redis is down, requests decide without it for the retry interval
 * (none waits on a Redis known to be down); then one request asks again. Logs one line per transition, and
 * exports {@code gateway.ratelimit.redis.available} (1 or 0).
 * <p>
 * Redis is down at once when it cannot be reached (a refused or lost connection). A slow answer is not enough: on
 * busy cores one answer can miss the timeout while Redis is fine, and taking that for an outage would refuse a
 * fail-closed route's requests for the whole retry interval. The request whose answer came too late decides
 * without Redis; Redis counts as down only once answers have kept failing for {@code redis-down-after}, none
 * succeeding in between.
 */
class RedisAvailability {

    private static final Logger log = LoggerFactory.getLogger(RedisAvailability.class);
    private static final long AVAILABLE = Long.MIN_VALUE;
    private static final long NOT_FAILING = Long.MIN_VALUE;

    /** {@link #AVAILABLE}, or the nanoTime from which one request may try Redis again. */
    private final AtomicLong retryAt = new AtomicLong(AVAILABLE);

    /** {@link #NOT_FAILING}, or the nanoTime of the first slow answer since Redis last answered in time. */
    private volatile long slowSince = NOT_FAILING;

    /** The nanoTime of the latest slow answer (meaningful while {@link #slowSince} is set). */
    private long lastSlow;

    RedisAvailability(MeterRegistry meters) {
        Gauge.builder("gateway.ratelimit.redis.available", retryAt, state -> state.get() == AVAILABLE ? 1 : 0)
                .description("1 while the rate limiter reaches Redis, 0 while routes decide without it")
                .register(meters);
    }

    /** Whether this request should ask Redis: always while it answers; one request per retry interval when not. */
    boolean shouldAsk(Duration retryInterval, long now) {
        long at = retryAt.get();
        if (at == AVAILABLE) {
            return true;
        }
        // the one request that moves the retry time on is the one that tries
        return now - at >= 0 && retryAt.compareAndSet(at, now + retryInterval.toNanos());
    }

    void succeeded() {
        if (slowSince != NOT_FAILING) {
            synchronized (this) {
                slowSince = NOT_FAILING;
            }
        }
        if (retryAt.get() != AVAILABLE && retryAt.getAndSet(AVAILABLE) != AVAILABLE) {
            log.info("Rate limiting: Redis answers again; limits are enforced");
        }
    }

    /**
     * A call to Redis failed at {@code now}: Redis is down if it could not be reached, or if its answers have been
     * too slow for {@code downAfter}, without a gap longer than that between two of them.
     */
    void failed(Throwable error, long now, Duration retryInterval, Duration downAfter) {
        if (isSlowAnswer(error) && !slowFor(now, downAfter.toNanos())) {
            return;
        }
        if (retryAt.getAndSet(now + retryInterval.toNanos()) == AVAILABLE) {
            log.warn("Rate limiting: Redis is down ({}); routes fail open or closed as configured, "
                    + "trying again every {}", error.toString(), retryInterval);
        }
    }

    private synchronized boolean slowFor(long now, long downAfter) {
        if (slowSince == NOT_FAILING || now - lastSlow > downAfter) {
            slowSince = now;
        }
        lastSlow = now;
        return now - slowSince >= downAfter;
    }

    /** A timeout (the limiter's own, or the client's) rather than a connection that cannot be made or was lost. */
    static boolean isSlowAnswer(Throwable error) {
        return Causes.chain(error).anyMatch(cause -> cause instanceof TimeoutException
                || cause instanceof RedisCommandTimeoutException || cause instanceof QueryTimeoutException);
    }

    boolean isAvailable() {
        return retryAt.get() == AVAILABLE;
    }
}
