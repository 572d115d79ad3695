package io.microplatform.scheduler.job;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.microplatform.scheduler.run.RunRepository;
import io.microplatform.scheduler.schedule.Schedule;
import io.microplatform.scheduler.schedule.Schedules;
import io.microplatform.starter.problem.ProblemException;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** "Run this task now": a one-shot schedule due at once, fired by the leader on its next pass. */
@RestController
@RequestMapping("/api/scheduler/jobs")
@Tag(name = "jobs", description = "Run a task now: a one-shot schedule due at once")
class JobController {

    private final Schedules schedules;
    private final RunRepository runs;

    JobController(Schedules schedules, RunRepository runs) {
        this.schedules = schedules;
        this.runs = runs;
    }

    @PostMapping
    @Operation(summary = "Submits a job (task `noop` by default); a worker runs it once the leader fired it")
    @ApiResponse(responseCode = "201", description = "Recorded; `Location` names the job")
    ResponseEntity<Job> submit(@Valid @RequestBody SubmitJob request) {
        Schedule schedule = schedules.createImmediate(request.name(), request.task() == null ? "noop" : request.task(),
                request.payload() == null ? Map.of() : request.payload());
        return ResponseEntity.created(URI.create("/api/scheduler/jobs/" + schedule.id())).body(Job.of(schedule, null));
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
