package io.microplatform.scheduler.leader;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.microplatform.starter.lock.DistributedLocks;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /api/scheduler/leader}: who leads now, with which token, since when, until when unless renewed. */
@RestController
@Tag(name = "leader", description = "The scheduler instance that fires schedules now (hot-warm)")
class LeaderController {

    record LeaderView(String instance, long fencingToken, Instant since, Instant leaseExpiresAt) {
    }

    private final DistributedLocks locks;
    private final LeaderFence fence;
    private final Clock clock;

    LeaderController(DistributedLocks locks, LeaderFence fence, Clock clock) {
        this.locks = locks;
        this.fence = fence;
        this.clock = clock;
    }

    @GetMapping("/api/scheduler/leader")
    @Operation(summary = "The leader, its fencing token and when its lease expires")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "503", description = "No instance leads right now; a standby takes over within its "
            + "poll interval (type urn:microplatform:problem:service-unavailable)")
    LeaderView leader() {
        Duration remaining = locks.remainingLease(LeaderLease.LOCK).orElseThrow(() -> new ProblemException(
                HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "no instance leads right now: the leader lease is free (a standby takes it within its poll interval)"));
        LeaderFence.Grant grant = fence.current().orElseThrow();
        return new LeaderView(grant.holder(), grant.token(), grant.since(), clock.instant().plus(remaining));
    }
}
