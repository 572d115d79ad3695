package io.microplatform.scheduler.schedule;

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
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/scheduler/schedules")
class ScheduleController {

    private final Schedules schedules;

    ScheduleController(Schedules schedules) {
        this.schedules = schedules;
    }

    @PostMapping
    ResponseEntity<ScheduleView> create(@Valid @RequestBody CreateSchedule request) {
        Schedule schedule = schedules.create(request);
        return ResponseEntity.created(URI.create("/api/scheduler/schedules/" + schedule.id()))
                .body(ScheduleView.of(schedule));
    }

    @GetMapping
    List<ScheduleView> list(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return schedules.list(limit).stream().map(ScheduleView::of).toList();
    }

    @GetMapping("/{id}")
    ScheduleView get(@PathVariable UUID id) {
        return ScheduleView.of(schedules.get(id));
    }

    @PostMapping("/{id}/pause")
    ScheduleView pause(@PathVariable UUID id) {
        return ScheduleView.of(schedules.pause(id));
    }

    @PostMapping("/{id}/resume")
    ScheduleView resume(@PathVariable UUID id) {
        return ScheduleView.of(schedules.resume(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        schedules.delete(id);
        return ResponseEntity.noContent().build();
    }
}
