package io.microplatform.scheduler.job;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.microplatform.scheduler.run.RunRepository;
import io.microplatform.scheduler.schedule.Schedule;
import io.microplatform.scheduler.schedule.Schedules;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.IdempotencyKey;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/** "Run this task now": a one-shot schedule due at once, fired by the leader on its next pass. */
@RestController
@RequestMapping("/api/scheduler/jobs")
@Tag(name = "jobs", description = "Run a task now: a one-shot schedule due at once")
class JobController {

    private final Schedules schedules;
    private final JobSubmissions submissions;
    private final RunRepository runs;

    JobController(Schedules schedules, JobSubmissions submissions, RunRepository runs) {
        this.schedules = schedules;
        this.submissions = submissions;
        this.runs = runs;
    }

    @PostMapping
    @Operation(summary = "Submits a job (task `noop` by default); a worker runs it once the leader fired it",
            description = "With an `Idempotency-Key`, a request sent again (after a lost answer, or retried by the "
                    + "gateway) answers with the job the first one made and `Idempotent-Replayed: true`.")
    @ApiResponse(responseCode = "201", description = "Recorded; `Location` names the job")
    @ApiResponse(responseCode = "422", description = "The `Idempotency-Key` was used for a different job "
            + "(type urn:microplatform:problem:idempotency-key-reused)")
    ResponseEntity<Job> submit(@Valid @RequestBody SubmitJob request,
                               @RequestHeader(name = IdempotencyKey.HEADER, required = false) @IdempotencyKey String idempotencyKey) {
        JobSubmissions.Submitted submitted = submissions.submit(request, idempotencyKey);
        Schedule job = submitted.job();
        return ResponseEntity.created(URI.create("/api/scheduler/jobs/" + job.id()))
                .header("Idempotent-Replayed", Boolean.toString(submitted.replayed()))
                .body(Job.of(job, submitted.replayed() ? runs.firstOf(job.id()).orElse(null) : null));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A job with its run's status, attempts and worker")
    Job get(@PathVariable UUID id) {
        Schedule schedule;
        try {
            schedule = schedules.get(id);
        }
        catch (ProblemException e) {
            throw ProblemException.notFound("job", id);
        }
        return Job.of(schedule, runs.firstOf(id).orElse(null));
    }
}
