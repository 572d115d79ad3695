package io.microplatform.gateway.ratelimit;

import io.lettuce.core.RedisConnectionException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** When the rate limiter takes Redis for down, on a clock the test sets (nanoseconds). */
class RedisAvailabilityTest {

    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration DOWN_AFTER = Duration.ofMillis(500);
    private static final long MS = 1_000_000;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RedisAvailability redis = new RedisAvailability(meters);

    @Test
    void aRefusedConnectionMakesRedisDownAtOnceUntilTheRetryInterval() {
        redis.failed(new RedisConnectionException("Connection refused"), 0, RETRY, DOWN_AFTER);

        assertThat(redis.isAvailable()).isFalse();
        assertThat(meters.get("gateway.ratelimit.redis.available").gauge().value()).isZero();
        assertThat(redis.shouldAsk(RETRY, 1_999 * MS)).isFalse();
        assertThat(redis.shouldAsk(RETRY, 2_000 * MS)).as("one request tries again").isTrue();
        assertThat(redis.shouldAsk(RETRY, 2_001 * MS)).as("only one").isFalse();
        redis.succeeded();
        assertThat(redis.shouldAsk(RETRY, 2_002 * MS)).isTrue();
        assertThat(meters.get("gateway.ratelimit.redis.available").gauge().value()).isOne();
    }

    @Test
    void oneLateAnswerLeavesRedisAvailable() {
        redis.failed(new TimeoutException("Did not observe any item"), 0, RETRY, DOWN_AFTER);

        assertThat(redis.isAvailable()).isTrue();
        assertThat(redis.shouldAsk(RETRY, 1 * MS)).isTrue();
    }

    @Test
    void lateAnswersThatKeepComingForDownAfterMakeRedisDown() {
        for (long at = 0; at < 500; at += 100) {
            redis.failed(new TimeoutException(), at * MS, RETRY, DOWN_AFTER);
            assertThat(redis.isAvailable()).as("at %d ms", at).isTrue();
        }
        redis.failed(new TimeoutException(), 500 * MS, RETRY, DOWN_AFTER);

        assertThat(redis.isAvailable()).isFalse();
        assertThat(redis.shouldAsk(RETRY, 600 * MS)).isFalse();
    }

    @Test
    void anAnswerInTimeBetweenLateOnesStartsTheCountAgain() {
        redis.failed(new TimeoutException(), 0, RETRY, DOWN_AFTER);
        redis.failed(new TimeoutException(), 400 * MS, RETRY, DOWN_AFTER);
        redis.succeeded();
        redis.failed(new TimeoutException(), 600 * MS, RETRY, DOWN_AFTER);
        redis.failed(new TimeoutException(), 1_000 * MS, RETRY, DOWN_AFTER);

        assertThat(redis.isAvailable()).isTrue();
        redis.failed(new TimeoutException(), 1_100 * MS, RETRY, DOWN_AFTER);
        assertThat(redis.isAvailable()).isFalse();
    }

    @Test
    void lateAnswersFurtherApartThanDownAfterAreSeparateEpisodes() {
        redis.failed(new TimeoutException(), 0, RETRY, DOWN_AFTER);
        redis.failed(new TimeoutException(), 10_000 * MS, RETRY, DOWN_AFTER);
        redis.failed(new TimeoutException(), 20_000 * MS, RETRY, DOWN_AFTER);

        assertThat(redis.isAvailable()).isTrue();
    }

    @Test
    void withDownAfterZeroTheFirstLateAnswerMakesRedisDown() {
        redis.failed(new TimeoutException(), 0, RETRY, Duration.ZERO);

        assertThat(redis.isAvailable()).isFalse();
    }

    @Test
    void aTimeoutIsToldFromAConnectionFailureThroughItsCauses() {
        assertThat(RedisAvailability.isSlowAnswer(new TimeoutException())).isTrue();
        assertThat(RedisAvailability.isSlowAnswer(new org.springframework.dao.QueryTimeoutException("late",
                new io.lettuce.core.RedisCommandTimeoutException()))).isTrue();
        assertThat(RedisAvailability.isSlowAnswer(new org.springframework.data.redis.RedisConnectionFailureException(
                "refused", new RedisConnectionException("refused")))).isFalse();
        assertThat(RedisAvailability.isSlowAnswer(new io.lettuce.core.RedisException(
                "Currently not connected. Commands are rejected."))).isFalse();
    }
}
