package io.microplatform.scheduler.job;

import io.microplatform.starter.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/scheduler/jobs")
class JobController {

    private final JobQueue queue;
    private final JobRepository jobs;

    JobController(JobQueue queue, JobRepository jobs) {
        this.queue = queue;
        this.jobs = jobs;
    }

    @PostMapping
    ResponseEntity<Job> submit(@Valid @RequestBody SubmitJob request) {
        Job job = queue.submit(request);
        return ResponseEntity.created(URI.create("/api/scheduler/jobs/" + job.id())).body(job);
    }

    @GetMapping("/{id}")
    Job get(@PathVariable UUID id) {
        return jobs.findById(id).orElseThrow(() -> ProblemException.notFound("job", id));
    }

    @GetMapping
    List<Job> recent(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return jobs.findRecent(limit);
    }
}
