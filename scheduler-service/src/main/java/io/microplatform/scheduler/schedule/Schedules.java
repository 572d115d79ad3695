package io.microplatform.scheduler.schedule;

import io.microplatform.scheduler.task.Tasks;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creating, pausing, resuming and deleting schedules. Everything a request can get wrong is checked before
 * anything is stored, and answered with a 400 problem that says what to change.
 */
@Service
public class Schedules {

    static final Duration MIN_FIXED_RATE = Duration.ofSeconds(1);
    static final Duration MAX_TIMEOUT = Duration.ofHours(6);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final ScheduleRepository repository;
    private final Tasks tasks;
    private final Clock clock;

    Schedules(ScheduleRepository repository, Tasks tasks, Clock clock) {
        this.repository = repository;
        this.tasks = tasks;
        this.clock = clock;
    }

    @Transactional
    public Schedule create(CreateSchedule request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int triggers = (request.cron() != null ? 1 : 0) + (request.fixedRate() != null ? 1 : 0)
                + (request.runAt() != null ? 1 : 0);
        if (triggers != 1) {
            throw invalid("give exactly one of cron, fixedRate or runAt (got " + triggers + ")");
        }
        ZoneId zone = zone(request.zone());
        if (request.cron() != null) {
            cron(request.cron());
        }
        Duration fixedRate = request.fixedRate() == null ? null : duration("fixedRate", request.fixedRate());
        if (fixedRate != null && fixedRate.compareTo(MIN_FIXED_RATE) < 0) {
            throw invalid("fixedRate must be at least PT1S, was " + request.fixedRate());
        }
        if (request.runAt() != null && !request.runAt().isAfter(now)) {
            throw invalid("runAt " + request.runAt() + " is not in the future (now " + now + "); use POST /api/scheduler/jobs to run a task now");
        }
        Duration backoff = request.backoff() == null ? Duration.ofSeconds(1) : duration("backoff", request.backoff());
        if (backoff.isNegative() || backoff.compareTo(MAX_BACKOFF) > 0) {
            throw invalid("backoff must be between PT0S and PT1H, was " + request.backoff());
        }
        Duration timeout = request.timeout() == null ? Duration.ofMinutes(1) : duration("timeout", request.timeout());
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw invalid("timeout must be between PT0.1S and PT6H, was " + request.timeout());
        }
        Map<String, Object> payload = request.payload() == null ? Map.of() : request.payload();
        tasks.validate(request.task(), payload);

        Trigger trigger = Trigger.of(request.cron(), zone, fixedRate, request.runAt());
        Instant first = trigger.first(now);
        if (first == null) {
            throw invalid("cron '" + request.cron() + "' never fires");
        }
        Schedule schedule = new Schedule(UUID.randomUUID(), request.name(), request.task(), payload, request.cron(),
                zone, fixedRate, request.runAt(), request.maxAttempts() == null ? 3 : request.maxAttempts(), backoff,
                request.misfire() == null ? Misfire.FIRE_ONCE : request.misfire(),
                request.concurrency() == null ? Concurrency.FORBID : request.concurrency(), timeout,
                ScheduleState.ACTIVE, first, null, now);
        repository.insert(schedule);
        return schedule;
    }

    /**
     * A one-shot schedule due now, for "run this task now": the leader fires it on its next pass.
     */
    @Transactional
    public Schedule createImmediate(UUID id, String name, String task, Map<String, Object> payload) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        tasks.validate(task, payload);
        Schedule schedule = new Schedule(id, name, task, payload, null, ZoneOffset.UTC, null, now, 3,
                Duration.ofSeconds(1), Misfire.FIRE_ONCE, Concurrency.ALLOW, Duration.ofMinutes(1),
                ScheduleState.ACTIVE, now, null, now);
        repository.insert(schedule);
        return schedule;
    }

    public Schedule get(UUID id) {
        return repository.find(id).orElseThrow(() -> ProblemException.notFound("schedule", id));
    }

    List<Schedule> list(int page, int size) {
        return repository.list(page, size);
    }

    long count() {
        return repository.count();
    }

    @Transactional
    Schedule pause(UUID id) {
        Schedule schedule = get(id);
        if (schedule.state() == ScheduleState.ACTIVE
                && repository.changeState(id, ScheduleState.ACTIVE, ScheduleState.PAUSED, null)) {
            repository.recordPause(id, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        }
        return get(id);
    }

    /** Goes on from now: the fires of the paused time are not made up. */
    @Transactional
    Schedule resume(UUID id) {
        Schedule schedule = get(id);
        if (schedule.state() == ScheduleState.PAUSED) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Instant anchor = schedule.lastFireAt() != null ? schedule.lastFireAt() : schedule.createdAt();
            Instant next = schedule.trigger().nextAfter(now, anchor);
            if (repository.changeState(id, ScheduleState.PAUSED, ScheduleState.ACTIVE, next)) {
                repository.recordResume(id, now);
            }
        }
        return get(id);
    }

    /** No new fires; runs already queued still run to their end. */
    @Transactional
    void delete(UUID id) {
        Schedule schedule = get(id);
        repository.changeState(id, schedule.state(), ScheduleState.DELETED, null);
    }

    private static void cron(String cron) {
        try {
            CronExpression.parse(cron);
        }
        catch (IllegalArgumentException e) {
            throw invalid("cron '" + cron + "' is not a valid Spring cron expression (six fields: second minute hour"
                    + " day-of-month month day-of-week, e.g. '0 */5 * * * *'): " + e.getMessage());
        }
    }

    private static ZoneId zone(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        }
        catch (DateTimeException e) {
            throw invalid("zone '" + zone + "' is not a time-zone id (e.g. 'UTC', 'Europe/Paris')");
        }
    }

    private static Duration duration(String field, String value) {
        try {
            return Duration.parse(value);
        }
        catch (DateTimeParseException e) {
            throw invalid(field + " '" + value + "' is not an ISO-8601 duration (e.g. 'PT30S', 'PT5M')");
        }
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, detail);
    }
}
