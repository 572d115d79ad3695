package io.microplatform.scheduler.schedule;

import java.util.List;

/** One page of schedules, newest first; {@code totalElements} counts every schedule not deleted. */
public record SchedulePage(List<ScheduleView> content, int page, int size, long totalElements) {
}
