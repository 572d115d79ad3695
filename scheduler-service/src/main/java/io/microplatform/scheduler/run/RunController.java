package io.microplatform.scheduler.run;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/scheduler/runs")
@Tag(name = "runs", description = "Every fire of a schedule, as a run through the work queue")
class RunController {

    private final RunRepository runs;
    private final RunRetries retries;

    RunController(RunRepository runs, RunRetries retries) {
        this.runs = runs;
        this.retries = retries;
    }

    @GetMapping
    @Operation(summary = "One page of runs, newest fire first, of one schedule and in one status if given")
    RunPage list(@RequestParam(required = false) UUID schedule, @RequestParam(required = false) RunStatus status,
                 @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                 @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int size) {
        return runs.list(schedule, status, page, size);
    }

    @GetMapping("/{id}")
    Run get(@PathVariable UUID id) {
        return runs.find(id).orElseThrow(() -> ProblemException.notFound("run", id));
    }

    /** Re-queues a DEAD run; anything else is a 409 problem that says why. */
    @PostMapping("/{id}/retry")
    @Operation(summary = "Queues a DEAD run again")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "409", description = "The run is not DEAD (type urn:microplatform:problem:conflict)")
    Run retry(@PathVariable UUID id) {
        Run run = get(id);
        if (!retries.requeue(run)) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT,
                    "run " + id + " is " + get(id).status() + "; only a DEAD run can be retried");
        }
        return get(id);
    }
}
