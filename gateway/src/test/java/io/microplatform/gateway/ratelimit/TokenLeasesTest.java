package io.microplatform.gateway.ratelimit;

import io.microplatform.gateway.ratelimit.RateLimitProperties.KeyType;
import io.microplatform.gateway.ratelimit.RateLimitProperties.RedisUnavailable;
import io.microplatform.gateway.ratelimit.RateLimitProperties.RouteLimit;
import io.microplatform.gateway.ratelimit.TokenLeases.Ask;
import io.microplatform.gateway.ratelimit.TokenLeases.Lease;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The local side of leasing: sizes, what a lease serves, and that it never holds more than it was granted. */
class TokenLeasesTest {

    private static final Duration WINDOW = Duration.ofMillis(20);
    private static final long MS = 1_000_000;

    private final long start = System.nanoTime();

    @Test
    void routesTooSlowForTwoRequestsPerWindowAreNeverLeased() {
        assertThat(TokenLeases.maxLease(limit(10, 20, 1), WINDOW)).isZero();      // 0.2 tokens per window
        assertThat(TokenLeases.maxLease(limit(100, 200, 1), WINDOW)).isEqualTo(2);
        assertThat(TokenLeases.maxLease(limit(1000, 2000, 1), WINDOW)).isEqualTo(20);
        assertThat(TokenLeases.maxLease(limit(1000, 2000, 11), WINDOW)).isZero(); // 20 < 2 requests of 11
        assertThat(TokenLeases.maxLease(limit(100_000, 100_000, 1), Duration.ofSeconds(1))).isEqualTo(100_000);
        assertThat(TokenLeases.maxLease(limit(1000, 2000, 1), Duration.ZERO)).isZero();
    }

    @Test
    void aNewKeyAsksForItsOwnTokensOnlyAndServesNothingLocally() {
        Lease lease = new TokenLeases().of("k", start);

        assertThat(lease.take(1, start)).isEqualTo(-1);
        Ask ask = lease.ask(1, 20, WINDOW, start);
        assertThat(ask).isEqualTo(new Ask(1, true));
        assertThat(lease.answered(1, 1, 99, Duration.ZERO, start + MS)).isEqualTo(99);
        lease.done(ask);
        assertThat(lease.take(1, start + MS)).isEqualTo(-1);
    }

    @Test
    void aBusyKeyLeasesWhatItUsesInOneWindowAtMostMaxLease() {
        Lease lease = new TokenLeases().of("k", start);
        lease.done(lease.ask(1, 20, WINDOW, start));
        lease.answered(1, 1, 500, Duration.ZERO, start);
        // 5 more requests within 10 ms (each asked Redis: no lease yet) -> 6 tokens in 10 ms -> 12 per window
        long now = start;
        for (int i = 0; i < 5; i++) {
            now += 2 * MS;
            Ask own = lease.ask(1, 20, WINDOW, now);
            if (own.leasing()) {
                lease.answered(1, 1, 500, Duration.ZERO, now);
                lease.done(own);
            }
        }

        Ask refill = lease.ask(1, 20, WINDOW, now);

        assertThat(refill.leasing()).isTrue();
        assertThat(refill.tokens()).isBetween(2, 20);
        // while it is in flight, other misses ask for their own tokens only
        assertThat(lease.ask(1, 20, WINDOW, now)).isEqualTo(new Ask(1, false));
        // granted: one for this request, the rest served locally, then Redis again
        assertThat(lease.answered(1, refill.tokens(), 400, Duration.ZERO, now)).isEqualTo(400 + refill.tokens() - 1);
        lease.done(refill);
        for (int i = refill.tokens() - 2; i >= 0; i--) {
            assertThat(lease.take(1, now + MS)).isEqualTo(400 + i);
        }
        assertThat(lease.take(1, now + MS)).isEqualTo(-1);
    }

    @Test
    void aRequestThatAsksMoreThanRedisHasLeftGetsWhatThereIs() {
        Lease lease = new TokenLeases().of("k", start);
        Ask ask = lease.ask(1, 20, WINDOW, start);

        lease.answered(1, 3, 0, Duration.ZERO, start); // asked for more, the bucket had 3
        lease.done(ask);

        assertThat(lease.take(1, start)).isEqualTo(1);
        assertThat(lease.take(1, start)).isEqualTo(0);
        assertThat(lease.take(1, start)).isEqualTo(-1);
    }

    @Test
    void unusedLeasedTokensExpireAfterTheTtlAndIdleLeasesAreSwept() {
        TokenLeases leases = new TokenLeases();
        Lease lease = leases.of("k", start);
        Ask ask = lease.ask(1, 20, WINDOW, start);
        lease.answered(1, 10, 90, Duration.ZERO, start);
        lease.done(ask);
        long afterTtl = start + TokenLeases.TTL.toNanos();

        assertThat(lease.take(1, afterTtl)).isEqualTo(-1);
        // a refusal after expiry leaves nothing behind either
        assertThat(lease.answered(1, 0, 0, Duration.ofMillis(5), afterTtl)).isZero();

        leases.of("busy", afterTtl);
        leases.sweep(afterTtl + 10 * MS); // after the refusal ended
        assertThat(leases.size()).isEqualTo(1); // "k" is gone, "busy" was used within the TTL
    }

    @Test
    void aRefusalHoldsLocallyUntilTheBucketCanHaveRefilled() {
        Lease lease = new TokenLeases().of("k", start);
        Ask ask = lease.ask(1, 0, WINDOW, start);

        assertThat(lease.answered(1, 0, 0, Duration.ofMillis(30), start)).isZero();
        lease.done(ask);

        assertThat(lease.take(1, start + 10 * MS)).isEqualTo(TokenLeases.REFUSED);
        assertThat(lease.refusedFor(start + 10 * MS)).isEqualTo(Duration.ofMillis(20));
        assertThat(lease.take(1, start + 30 * MS)).isEqualTo(TokenLeases.ASK);
        // an unleased route (maxLease 0) asks for the request's own tokens however busy it is
        lease.answered(1, 1, 0, Duration.ZERO, start + 30 * MS);
        assertThat(lease.ask(1, 0, WINDOW, start + 31 * MS)).isEqualTo(new Ask(1, true));
    }

    @Test
    void aKeyHeldAtItsLimitLeasesByWhatItsRequestsAskedForRefusedOnesIncluded() {
        Lease lease = new TokenLeases().of("k", start);
        Ask first = lease.ask(1, 20, WINDOW, start);
        lease.answered(1, 0, 0, Duration.ofMillis(10), start);
        lease.done(first);
        for (int i = 1; i <= 9; i++) {
            assertThat(lease.take(1, start + i * MS)).isEqualTo(TokenLeases.REFUSED);
        }

        // 10 tokens asked for in 10 ms, none admitted: the next call asks for a full window's worth, not one
        assertThat(lease.ask(1, 20, WINDOW, start + 10 * MS)).isEqualTo(new Ask(20, true));
    }

    private static RouteLimit limit(int rate, int burst, int requested) {
        return new RouteLimit(rate, burst, requested, KeyType.IP, RedisUnavailable.FAIL_OPEN);
    }
}
