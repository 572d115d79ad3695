package io.microplatform.gateway.ratelimit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the rate limiter may ask Redis. After a failure, requests decide without Redis for the retry
 * interval (none waits on a Redis known to be down); then one request asks again. Logs one line per
 * transition, and exports {@code gateway.ratelimit.redis.available} (1 or 0).
 */
class RedisAvailability {

    private static final Logger log = LoggerFactory.getLogger(RedisAvailability.class);
    private static final long AVAILABLE = Long.MIN_VALUE;

    /** {@link #AVAILABLE}, or the nanoTime from which one request may try Redis again. */
    private final AtomicLong retryAt = new AtomicLong(AVAILABLE);

    RedisAvailability(MeterRegistry meters) {
        Gauge.builder("gateway.ratelimit.redis.available", retryAt, state -> state.get() == AVAILABLE ? 1 : 0)
                .description("1 while the rate limiter reaches Redis, 0 while routes decide without it")
                .register(meters);
    }

    /** Whether this request should ask Redis: always while it answers; one request per retry interval when not. */
    boolean shouldAsk(Duration retryInterval) {
        long at = retryAt.get();
        if (at == AVAILABLE) {
            return true;
        }
        long now = System.nanoTime();
        // the one request that moves the retry time on is the one that tries
        return now - at >= 0 && retryAt.compareAndSet(at, now + retryInterval.toNanos());
    }

    void succeeded() {
        if (retryAt.getAndSet(AVAILABLE) != AVAILABLE) {
            log.info("Rate limiting: Redis answers again; limits are enforced");
        }
    }

    void failed(Throwable error, Duration retryInterval) {
        long next = System.nanoTime() + retryInterval.toNanos();
        if (retryAt.getAndSet(next) == AVAILABLE) {
            log.warn("Rate limiting: Redis did not answer ({}); routes fail open or closed as configured, "
                    + "trying again every {}", error.toString(), retryInterval);
        }
    }

    boolean isAvailable() {
        return retryAt.get() == AVAILABLE;
    }
}
