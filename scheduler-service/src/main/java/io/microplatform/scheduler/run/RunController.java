package io.microplatform.scheduler.run;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/scheduler/runs")
class RunController {

    private final RunRepository runs;
    private final RunRetries retries;

    RunController(RunRepository runs, RunRetries retries) {
        this.runs = runs;
        this.retries = retries;
    }

    @GetMapping
    List<Run> list(@RequestParam(required = false) UUID schedule, @RequestParam(required = false) RunStatus status,
                   @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        return runs.list(schedule, status, limit);
    }

    @GetMapping("/{id}")
    Run get(@PathVariable UUID id) {
        return runs.find(id).orElseThrow(() -> ProblemException.notFound("run", id));
    }

    /** Re-queues a DEAD run; anything else is a 409 problem that says why. */
    @PostMapping("/{id}/retry")
    Run retry(@PathVariable UUID id) {
        Run run = get(id);
        if (!retries.requeue(run)) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT,
                    "run " + id + " is " + get(id).status() + "; only a DEAD run can be retried");
        }
        return get(id);
    }
}
