package io.microplatform.scheduler.work;

import org.junit.jupiter.api.RepeatedTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RunOutcomesTest {

    @RepeatedTest(20)
    void backOffDoublesPerAttemptWithHalfOfItJitteredAndStaysUnderItsCap() {
        Duration base = Duration.ofSeconds(1);
        Duration cap = Duration.ofSeconds(30);
        assertThat(RunOutcomes.backoff(base, 1, cap).toMillis()).isBetween(500L, 1000L);
        assertThat(RunOutcomes.backoff(base, 3, cap).toMillis()).isBetween(2000L, 4000L);
        assertThat(RunOutcomes.backoff(base, 10, cap).toMillis()).isBetween(15_000L, 30_000L);
        assertThat(RunOutcomes.backoff(base, 60, cap).toMillis()).isBetween(15_000L, 30_000L);
        assertThat(RunOutcomes.backoff(Duration.ZERO, 4, cap)).isZero();
    }
}
