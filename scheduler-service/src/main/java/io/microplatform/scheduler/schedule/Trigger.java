package io.microplatform.scheduler.schedule;

import org.springframework.scheduling.support.CronExpression;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a schedule fires: pure arithmetic on instants, no clock of its own, so that it can be tested with any
 * "now". Fixed-rate fires are anchored to the first fire ({@code first + k * rate}), so they never drift.
 */
public sealed interface Trigger {

    static Trigger of(String cron, ZoneId zone, Duration fixedRate, Instant runAt) {
        if (cron != null) {
            return new Cron(CronExpression.parse(cron), zone);
        }
        if (fixedRate != null) {
            return new FixedRate(fixedRate);
        }
        return new Once(runAt);
    }

    /** The first fire of a schedule created at {@code now}. */
    Instant first(Instant now);

    /** The fire after {@code fire}, or null when there is none (a one-shot). */
    Instant after(Instant fire);

    /** The first fire strictly after {@code now} (a resumed schedule starts there). */
    Instant nextAfter(Instant now, Instant anyPreviousFire);

    record Cron(CronExpression expression, ZoneId zone) implements Trigger {

        @Override
        public Instant first(Instant now) {
            return after(now);
        }

        @Override
        public Instant after(Instant fire) {
            ZonedDateTime next = expression.next(fire.atZone(zone));
            return next == null ? null : next.toInstant();
        }

        @Override
        public Instant nextAfter(Instant now, Instant anyPreviousFire) {
            return after(now);
        }
    }

    record FixedRate(Duration rate) implements Trigger {

        @Override
        public Instant first(Instant now) {
            return now;
        }

        @Override
        public Instant after(Instant fire) {
            return fire.plus(rate);
        }

        @Override
        public Instant nextAfter(Instant now, Instant anchor) {
            if (anchor == null || anchor.isAfter(now)) {
                return anchor == null ? now.plus(rate) : anchor;
            }
            long periods = Duration.between(anchor, now).toNanos() / rate.toNanos() + 1;
            return anchor.plus(rate.multipliedBy(periods));
        }
    }

    record Once(Instant runAt) implements Trigger {

        @Override
        public Instant first(Instant now) {
            return runAt;
        }

        @Override
        public Instant after(Instant fire) {
            return null;
        }

        @Override
        public Instant nextAfter(Instant now, Instant anyPreviousFire) {
            return runAt.isAfter(now) ? runAt : null;
        }
    }
}
