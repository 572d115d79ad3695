package io.microplatform.scheduler.work;

import io.microplatform.scheduler.SchedulerProperties;
import io.microplatform.scheduler.run.Run;
import io.microplatform.scheduler.run.RunRepository;
import io.microplatform.scheduler.run.RunStatus;
import io.microplatform.scheduler.schedule.Schedule;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How an attempt ends. A failure with attempts left makes the run RETRYING and writes its next work message to
 * the outbox, due after an exponential back-off with jitter; the last failure makes it DEAD and writes a dead
 * letter. Each is one transaction with the run's transition, and only the current attempt may end the run.
 */
@Component
class RunOutcomes {

    private static final Logger log = LoggerFactory.getLogger(RunOutcomes.class);

    private final RunRepository runs;
    private final WorkQueue queue;
    private final JsonMapper json;
    private final SchedulerProperties properties;
    private final MeterRegistry meters;

    RunOutcomes(RunRepository runs, WorkQueue queue, JsonMapper json, SchedulerProperties properties,
                MeterRegistry meters) {
        this.runs = runs;
        this.queue = queue;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
    }

    void succeeded(Run run, int attempt) {
        if (runs.finish(run.id(), attempt, RunStatus.SUCCEEDED, null)) {
            meters.counter("scheduler.runs", "status", RunStatus.SUCCEEDED.name()).increment();
        }
    }

    void fencedOff(Run run, int attempt, String reason) {
        if (runs.finish(run.id(), attempt, RunStatus.SKIPPED, "fenced off: " + reason)) {
            meters.counter("scheduler.runs", "status", RunStatus.SKIPPED.name()).increment();
        }
    }

    @Transactional
    public void failed(Run run, Schedule schedule, int attempt, String error) {
        if (attempt >= schedule.maxAttempts()) {
            if (runs.finish(run.id(), attempt, RunStatus.DEAD, error)) {
                queue.enqueueDeadLetter(run, deadLetter(run, attempt, error));
                meters.counter("scheduler.runs", "status", RunStatus.DEAD.name()).increment();
                log.warn("run {} of schedule {} is DEAD after {} attempt(s): {}", run.id(), schedule.id(), attempt, error);
            }
            return;
        }
        Duration delay = backoff(schedule.backoff(), attempt, properties.maxBackoff());
        if (runs.finish(run.id(), attempt, RunStatus.RETRYING, error)) {
            queue.enqueueRetry(run, delay);
            log.info("run {} attempt {} of {} failed ({}); next attempt in {} ms", run.id(), attempt,
                    schedule.maxAttempts(), error, delay.toMillis());
        }
    }

    /**
     * "Equal jitter": half of {@code base * 2^(attempt-1)} (capped) for sure, the other half at random, so that
     * runs that failed together do not retry together.
     */
    static Duration backoff(Duration base, int attempt, Duration cap) {
        long exponential = base.toMillis() << Math.min(attempt - 1, 30);
        long capped = Math.min(exponential < 0 ? Long.MAX_VALUE : exponential, cap.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }

    private String deadLetter(Run run, int attempts, String error) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("runId", run.id().toString());
        letter.put("scheduleId", run.scheduleId().toString());
        letter.put("fireTime", run.fireTime().toString());
        letter.put("attempts", attempts);
        letter.put("error", error);
        letter.put("worker", properties.instanceId());
        return json.writeValueAsString(letter);
    }
}
