package io.microplatform.scheduler.leader;

import io.microplatform.scheduler.SchedulerProperties;
import io.microplatform.scheduler.run.RunRepository;
import io.microplatform.scheduler.run.RunRepository.NewRun;
import io.microplatform.scheduler.run.RunStatus;
import io.microplatform.scheduler.schedule.FirePlan;
import io.microplatform.scheduler.schedule.Schedule;
import io.microplatform.scheduler.schedule.ScheduleRepository;
import io.microplatform.scheduler.work.WorkQueue;
import io.microplatform.starter.tracing.TraceParents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What only the leader does: every {@code fire-interval}, find the due schedules and fire them. One
 * transaction per batch locks the due schedules, records their runs (unique per schedule and fire time),
 * writes their work messages to the outbox, moves each schedule to its next fire, and ends with the fence
 * check: a leader that has been replaced while it worked (a pause, a lost lease it has not noticed yet)
 * commits nothing.
 *
 * <p>Each queued run gets a span of its own, {@code scheduler fire}: a child of the submitting request for a
 * one-shot schedule (a job), the root of a new trace for a recurring one. Its context goes with the work message,
 * so the worker's span belongs to the same trace.
 */
@Component
class FireLoop {

    private static final Logger log = LoggerFactory.getLogger(FireLoop.class);

    private final LeaderLease lease;
    private final LeaderFence fence;
    private final ScheduleRepository schedules;
    private final RunRepository runs;
    private final WorkQueue queue;
    private final TransactionTemplate tx;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DistributionSummary lateness;
    private final Counter late;
    private final TraceParents traceParents;

    FireLoop(LeaderLease lease, LeaderFence fence, ScheduleRepository schedules, RunRepository runs, WorkQueue queue,
             TransactionTemplate tx, SchedulerProperties properties, Clock clock, MeterRegistry meters,
             TraceParents traceParents) {
        this.traceParents = traceParents;
        this.lease = lease;
        this.fence = fence;
        this.schedules = schedules;
        this.runs = runs;
        this.queue = queue;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.lateness = DistributionSummary.builder("scheduler.fire.lateness").baseUnit("seconds")
                .description("how long after its fire time a run was recorded").publishPercentileHistogram()
                .serviceLevelObjectives(0.05, 0.1, 0.25, 0.5, 1.0).register(meters);
        this.late = Counter.builder("scheduler.fires.late").description("fires recorded more than 1 s late")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${microplatform.scheduler.fire-interval:50ms}")
    void tick() {
        Optional<LeaderLease.Leadership> term = lease.leadership();
        if (term.isEmpty()) {
            return;
        }
        try {
            int fired;
            do {
                fired = fire(term.get());
            }
            while (fired == properties.fireBatch() && term.get().isHeld());
        }
        catch (StaleLeader e) {
            log.warn("leader: fires refused by the fence, nothing recorded: {}", e.getMessage());
            lease.fencedOff(term.get(), e.getMessage());
        }
        catch (RuntimeException e) {
            log.warn("leader: fire pass failed, retrying on the next pass: {}", e.getMessage());
        }
    }

    /** @return how many schedules were due */
    private int fire(LeaderLease.Leadership term) {
        List<Duration> latenesses = new ArrayList<>();
        Integer due = tx.execute(status -> {
            Instant now = clock.instant();
            List<Schedule> dueSchedules = schedules.lockDue(now, properties.fireBatch());
            if (dueSchedules.isEmpty()) {
                return 0;
            }
            List<NewRun> planned = new ArrayList<>();
            Map<UUID, Schedule> byId = new HashMap<>();
            for (Schedule schedule : dueSchedules) {
                byId.put(schedule.id(), schedule);
                FirePlan plan = FirePlan.of(schedule.trigger(), schedule.nextFireAt(), now, schedule.misfire(),
                        properties.misfireThreshold(), properties.catchUpMax());
                plan.fire().forEach(fire -> planned.add(new NewRun(UUID.randomUUID(), schedule.id(), fire,
                        RunStatus.QUEUED, null)));
                plan.skip().forEach(fire -> planned.add(new NewRun(UUID.randomUUID(), schedule.id(), fire,
                        RunStatus.SKIPPED, "missed by " + Duration.between(fire, now).toMillis() + " ms; misfire policy "
                        + schedule.misfire())));
                if (plan.missed() > 0) {
                    meters.counter("scheduler.misfires", "policy", schedule.misfire().name()).increment(plan.missed());
                    log.warn("schedule {} ({}): {} fire(s) missed since {}; {}: {} run, {} recorded as skipped, {} only counted",
                            schedule.id(), schedule.name(), plan.missed(), schedule.nextFireAt(), schedule.misfire(),
                            plan.fire().size(), plan.skip().size(), plan.unrecorded());
                }
                Instant last = plan.fire().isEmpty() ? null : plan.fire().get(plan.fire().size() - 1);
                schedules.advance(schedule.id(), plan.nextFireAt(), last);
            }
            List<NewRun> recorded = runs.record(planned, term.token());
            List<NewRun> queued = recorded.stream().filter(run -> run.status() == RunStatus.QUEUED).toList();
            Map<UUID, String> traces = new HashMap<>();
            for (NewRun run : queued) {
                String parent = byId.get(run.scheduleId()).runAt() == null ? null
                        : schedules.traceParent(run.scheduleId()).orElse(null);
                traces.put(run.id(), traceParents.runInSpan(parent, "scheduler fire", Map.of(), () -> { }));
            }
            queue.enqueue(queued, traces);
            fence.check(term.token());
            recorded.stream().filter(run -> run.status() == RunStatus.QUEUED)
                    .forEach(run -> latenesses.add(Duration.between(run.fireTime(), now)));
            return dueSchedules.size();
        });
        for (Duration fireLateness : latenesses) {
            lateness.record(fireLateness.toNanos() / 1e9);
            if (fireLateness.compareTo(Duration.ofSeconds(1)) > 0) {
                late.increment();
            }
        }
        if (!latenesses.isEmpty()) {
            queue.wakeRelay();
        }
        return due == null ? 0 : due;
    }
}
