package io.microplatform.scheduler.work;

import io.microplatform.scheduler.SchedulerProperties;
import io.microplatform.scheduler.run.Run;
import io.microplatform.scheduler.run.RunRepository;
import io.microplatform.scheduler.run.RunStatus;
import io.microplatform.scheduler.schedule.Concurrency;
import io.microplatform.scheduler.schedule.Schedule;
import io.microplatform.scheduler.schedule.ScheduleRepository;
import io.microplatform.scheduler.task.FencedOff;
import io.microplatform.scheduler.task.Task;
import io.microplatform.scheduler.task.TaskContext;
import io.microplatform.scheduler.task.Tasks;
import io.microplatform.starter.lock.DistributedLock;
import io.microplatform.starter.lock.DistributedLocks;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs work messages; every instance is a consumer of the same group. One message starts one attempt of a
 * run, under a lock: the schedule's lock with {@code concurrency: FORBID} (a run that finds the previous run
 * still holding it is SKIPPED), else the run's own lock (so a redelivered message never runs an attempt beside
 * one still executing). The lock is held until the task's thread ends, even past the attempt's timeout.
 */
@Component
class Worker {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final RunRepository runs;
    private final ScheduleRepository schedules;
    private final Tasks tasks;
    private final DistributedLocks locks;
    private final RunOutcomes outcomes;
    private final ExecutorService taskExecutor;
    private final SchedulerProperties properties;
    private final MeterRegistry meters;

    Worker(RunRepository runs, ScheduleRepository schedules, Tasks tasks, DistributedLocks locks, RunOutcomes outcomes,
           ExecutorService taskExecutor, SchedulerProperties properties, MeterRegistry meters) {
        this.runs = runs;
        this.schedules = schedules;
        this.tasks = tasks;
        this.locks = locks;
        this.outcomes = outcomes;
        this.taskExecutor = taskExecutor;
        this.properties = properties;
        this.meters = meters;
    }

    @KafkaListener(topics = "${microplatform.scheduler.work-topic:scheduler.work}",
            concurrency = "${microplatform.scheduler.worker-concurrency:2}")
    void onWork(String runId) {
        UUID id;
        try {
            id = UUID.fromString(runId);
        }
        catch (IllegalArgumentException e) {
            log.warn("dropping malformed work message '{}'", runId);
            return;
        }
        Optional<Run> found = runs.find(id);
        if (found.isEmpty() || found.get().status().isFinal()) {
            return; // a message of a run that is gone, or a redelivery of one that has finished: nothing to do
        }
        Run run = found.get();
        Schedule schedule = schedules.findIncludingDeleted(run.scheduleId()).orElseThrow();
        boolean forbid = schedule.concurrency() == Concurrency.FORBID;
        String lockName = forbid ? "scheduler:schedule:" + schedule.id() : "scheduler:run:" + id;
        Optional<DistributedLock> lock = locks.tryLock(lockName, properties.lockWait());
        if (lock.isEmpty()) {
            if (forbid && runs.skip(id, "the previous run of this schedule still holds its lock (concurrency FORBID)")) {
                meters.counter("scheduler.runs", "status", RunStatus.SKIPPED.name()).increment();
            }
            // otherwise an attempt of this very run is still executing elsewhere: it will end the run
            return;
        }
        attempt(run, schedule, lock.get());
    }

    private void attempt(Run run, Schedule schedule, DistributedLock lock) {
        Optional<Integer> started;
        try {
            started = runs.start(run.id(), properties.instanceId());
        }
        catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        if (started.isEmpty()) {
            lock.close(); // finished meanwhile by an earlier delivery
            return;
        }
        int attempt = started.get();
        Task task = tasks.find(schedule.task()).orElse(null);
        if (task == null) {
            lock.close();
            outcomes.failed(run, schedule, attempt, "task '" + schedule.task() + "' is not known to this instance");
            return;
        }
        TaskContext context = new TaskContext(run.id(), schedule.id(), run.fireTime(), attempt, run.fencingToken(),
                schedule.payload(), properties.instanceId());
        Future<?> execution = taskExecutor.submit(() -> {
            try {
                task.run(context);
                return null;
            }
            finally {
                lock.close();
            }
        });
        try {
            execution.get(schedule.timeout().toMillis(), TimeUnit.MILLISECONDS);
            outcomes.succeeded(run, attempt);
            log.info("run {} of schedule {} succeeded (attempt {}, task {})", run.id(), schedule.id(), attempt,
                    schedule.task());
        }
        catch (TimeoutException e) {
            execution.cancel(true);
            outcomes.failed(run, schedule, attempt, "timed out after " + schedule.timeout());
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FencedOff fenced) {
                outcomes.fencedOff(run, attempt, fenced.getMessage());
            }
            else {
                outcomes.failed(run, schedule, attempt, cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
        }
        catch (InterruptedException e) {
            execution.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("worker interrupted during run " + run.id(), e);
        }
    }
}
