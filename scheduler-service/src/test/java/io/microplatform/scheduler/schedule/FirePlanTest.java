package io.microplatform.scheduler.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FirePlanTest {

    static final Duration THRESHOLD = Duration.ofSeconds(5);
    static final Instant T0 = Instant.parse("2026-03-28T23:59:58Z");

    @Test
    void aCronScheduleFiresAtItsNextMatchingSecondInItsZone() {
        Trigger everyDayAtTwo = Trigger.of("0 30 2 * * *", ZoneId.of("Europe/Paris"), null, null);
        // 02:30 Paris time on 29 March 2026 does not exist (clocks go from 02:00 to 03:00): Spring's cron
        // skips the day, as its documentation says; the next fire is the 30th at 02:30 CEST (00:30 UTC)
        assertThat(everyDayAtTwo.first(Instant.parse("2026-03-28T12:00:00Z"))).isEqualTo("2026-03-30T00:30:00Z");
        assertThat(everyDayAtTwo.first(Instant.parse("2026-03-27T12:00:00Z"))).isEqualTo("2026-03-28T01:30:00Z");
    }

    @Test
    void aFixedRateIsAnchoredToItsFirstFireAndNeverDrifts() {
        Trigger rate = Trigger.of(null, ZoneOffset.UTC, Duration.ofSeconds(10), null);
        assertThat(rate.first(T0)).isEqualTo(T0);
        assertThat(rate.after(T0)).isEqualTo(T0.plusSeconds(10));
        // resumed 25.3 s after the anchor: the next fire is the anchor's 30 s mark, not now + 10 s
        assertThat(rate.nextAfter(T0.plusMillis(25_300), T0)).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aOneShotFiresOnceAndThenNever() {
        Trigger once = Trigger.of(null, ZoneOffset.UTC, null, T0);
        FirePlan plan = FirePlan.of(once, T0, T0.plusMillis(20), Misfire.FIRE_ONCE, THRESHOLD, 10);
        assertThat(plan.fire()).containsExactly(T0);
        assertThat(plan.nextFireAt()).isNull();
    }

    @Test
    void onTimeFiresRunAndTheNextFireIsTheFollowingOne() {
        Trigger everySecond = Trigger.of("* * * * * *", ZoneOffset.UTC, null, null);
        Instant due = T0;
        FirePlan plan = FirePlan.of(everySecond, due, due.plusMillis(1500), Misfire.SKIP, THRESHOLD, 10);
        assertThat(plan.fire()).containsExactly(due, due.plusSeconds(1));
        assertThat(plan.skip()).isEmpty();
        assertThat(plan.missed()).isZero();
        assertThat(plan.nextFireAt()).isEqualTo(due.plusSeconds(2));
    }

    @Test
    void afterALeaderlessGapEachPolicyAccountsForEveryMissedFire() {
        Trigger everySecond = Trigger.of(null, ZoneOffset.UTC, Duration.ofSeconds(1), null);
        Instant now = T0.plusMillis(12_200); // 12 fires missed the 5 s threshold: T0 .. T0+7s; T0+8s..T0+12s on time

        FirePlan skip = FirePlan.of(everySecond, T0, now, Misfire.SKIP, THRESHOLD, 3);
        assertThat(skip.skip()).hasSize(8).first().isEqualTo(T0);
        assertThat(skip.fire()).containsExactly(seconds(8, 9, 10, 11, 12));

        FirePlan once = FirePlan.of(everySecond, T0, now, Misfire.FIRE_ONCE, THRESHOLD, 3);
        assertThat(once.fire()).containsExactly(seconds(7, 8, 9, 10, 11, 12));
        assertThat(once.skip()).hasSize(7);

        FirePlan catchUp = FirePlan.of(everySecond, T0, now, Misfire.CATCH_UP, THRESHOLD, 3);
        assertThat(catchUp.fire()).containsExactly(seconds(5, 6, 7, 8, 9, 10, 11, 12));
        assertThat(catchUp.skip()).containsExactly(seconds(0, 1, 2, 3, 4));

        for (FirePlan plan : List.of(skip, once, catchUp)) {
            // nothing silent: every fire time from T0 to now is either run or recorded as skipped
            assertThat(plan.fire().size() + plan.skip().size()).isEqualTo(13);
            assertThat(plan.missed()).isEqualTo(8);
            assertThat(plan.unrecorded()).isZero();
            assertThat(plan.nextFireAt()).isEqualTo(T0.plusSeconds(13));
        }
    }

    @Test
    void aVeryLongGapIsJumpedOverAndCountedNotEnumerated() {
        Trigger everySecond = Trigger.of(null, ZoneOffset.UTC, Duration.ofSeconds(1), null);
        Instant now = T0.plus(Duration.ofDays(2)).plusMillis(300);
        FirePlan plan = FirePlan.of(everySecond, T0, now, Misfire.FIRE_ONCE, THRESHOLD, 10);
        long total = 2 * 86_400 + 1;
        assertThat(plan.skip()).hasSize(FirePlan.MAX_RECORDED_SKIPS);
        assertThat(plan.fire().size() + plan.skip().size() + plan.unrecorded()).isEqualTo(total);
        assertThat(plan.nextFireAt()).isEqualTo(T0.plus(Duration.ofDays(2)).plusSeconds(1));
    }

    private static Instant[] seconds(int... offsets) {
        Instant[] instants = new Instant[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            instants[i] = T0.plusSeconds(offsets[i]);
        }
        return instants;
    }
}
