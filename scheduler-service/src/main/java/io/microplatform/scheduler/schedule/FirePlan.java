package io.microplatform.scheduler.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fires of one due schedule at one moment, after its misfire policy: which fire times run, which are
 * recorded as skipped, how many more were missed than are recorded, and when the schedule fires next.
 *
 * @param fire        fire times to run (QUEUED runs), oldest first
 * @param skip        fire times recorded as SKIPPED runs, oldest first
 * @param unrecorded  missed fires beyond the bound of what is recorded (counted, logged, not stored)
 * @param missed      fires later than the misfire threshold, whatever became of them
 * @param nextFireAt  the schedule's next fire, null when there is none
 */
public record FirePlan(List<Instant> fire, List<Instant> skip, long unrecorded, long missed, Instant nextFireAt) {

    /** Fires looked at per plan at most; a longer gap is jumped over and counted. */
    static final int MAX_ENUMERATED = 10_000;
    /** SKIPPED runs recorded per plan at most. */
    static final int MAX_RECORDED_SKIPS = 1_000;

    /**
     * @param due              the schedule's next fire, due at {@code now}
     * @param misfireThreshold a fire later than this at {@code now} is a misfire
     * @param catchUpMax       missed fires that {@link Misfire#CATCH_UP} runs at most
     */
    public static FirePlan of(Trigger trigger, Instant due, Instant now, Misfire policy, Duration misfireThreshold,
                              int catchUpMax) {
        List<Instant> onTime = new ArrayList<>();
        List<Instant> late = new ArrayList<>();
        long jumped = 0;
        Instant fire = due;
        Instant misfireBefore = now.minus(misfireThreshold);
        while (fire != null && !fire.isAfter(now)) {
            if (onTime.size() + late.size() == MAX_ENUMERATED) {
                // a gap of more fires than we look at: count the rest arithmetically where we can, then go on from now
                Instant resume = trigger.nextAfter(now, fire);
                jumped = countBetween(trigger, fire, now);
                fire = resume;
                break;
            }
            if (fire.isBefore(misfireBefore)) {
                late.add(fire);
            }
            else {
                onTime.add(fire);
            }
            fire = trigger.after(fire);
        }
        int run = switch (policy) {
            case SKIP -> 0;
            case FIRE_ONCE -> Math.min(1, late.size());
            case CATCH_UP -> Math.min(catchUpMax, late.size());
        };
        List<Instant> runs = new ArrayList<>(late.subList(late.size() - run, late.size()));
        runs.addAll(onTime);
        List<Instant> skipped = late.subList(0, late.size() - run);
        long unrecorded = jumped;
        if (skipped.size() > MAX_RECORDED_SKIPS) {
            unrecorded += skipped.size() - MAX_RECORDED_SKIPS;
            skipped = skipped.subList(skipped.size() - MAX_RECORDED_SKIPS, skipped.size());
        }
        return new FirePlan(List.copyOf(runs), List.copyOf(skipped), unrecorded, late.size() + jumped, fire);
    }

    private static long countBetween(Trigger trigger, Instant from, Instant to) {
        if (trigger instanceof Trigger.FixedRate fixed) {
            return Duration.between(from, to).toNanos() / fixed.rate().toNanos() + 1;
        }
        long count = 0;
        for (Instant fire = from; fire != null && !fire.isAfter(to) && count < 1_000_000; fire = trigger.after(fire)) {
            count++;
        }
        return count;
    }
}
