package io.microplatform.starter.lock;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of {@link DistributedLocks}.
 *
 * @param leaseTime     how long a lease lasts in Redis without renewal; a holder renews it every third of this,
 *                      so a holder that dies frees the lock at most this long after its last renewal
 * @param retryInterval pause between two attempts of a {@code tryLock} that waits
 * @param keyPrefix     prefix of the Redis keys of locks and their fencing counters
 */
@Validated
@ConfigurationProperties("microplatform.lock")
public record LockProperties(@DefaultValue("10s") Duration leaseTime,
                             @DefaultValue("50ms") Duration retryInterval,
                             @NotBlank @DefaultValue("lock:") String keyPrefix) {

    public LockProperties {
        if (leaseTime.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("microplatform.lock.lease-time must be at least 300ms, was " + leaseTime);
        }
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("microplatform.lock.retry-interval must be positive, was " + retryInterval);
        }
    }
}
