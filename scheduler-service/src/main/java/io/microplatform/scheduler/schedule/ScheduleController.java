package io.microplatform.scheduler.schedule;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

@RestController
@RequestMapping("/api/scheduler/schedules")
@Tag(name = "schedules", description = "Cron, fixed-rate and one-shot schedules; the leader fires them")
class ScheduleController {

    private final Schedules schedules;

    ScheduleController(Schedules schedules) {
        this.schedules = schedules;
    }

    @PostMapping
    @Operation(summary = "Creates a schedule: exactly one of `cron`, `fixedRate`, `at`")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the schedule")
    ResponseEntity<ScheduleView> create(@Valid @RequestBody CreateSchedule request) {
        Schedule schedule = schedules.create(request);
        return ResponseEntity.created(URI.create("/api/scheduler/schedules/" + schedule.id()))
                .body(ScheduleView.of(schedule));
    }

    @GetMapping
    @Operation(summary = "One page of the schedules that are not deleted, newest first")
    SchedulePage list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return new SchedulePage(schedules.list(page, size).stream().map(ScheduleView::of).toList(), page, size,
                schedules.count());
    }

    @GetMapping("/{id}")
    ScheduleView get(@PathVariable UUID id) {
        return ScheduleView.of(schedules.get(id));
    }

    @PostMapping("/{id}/pause")
    @Operation(summary = "Pauses a schedule: it does not fire until resumed")
    ScheduleView pause(@PathVariable UUID id) {
        return ScheduleView.of(schedules.pause(id));
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resumes a paused schedule; its misfire policy decides about the fires it missed")
    ScheduleView resume(@PathVariable UUID id) {
        return ScheduleView.of(schedules.resume(id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Deletes a schedule; runs already queued still run")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        schedules.delete(id);
        return ResponseEntity.noContent().build();
    }
}
