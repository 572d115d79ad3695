package io.microplatform.scheduler.schedule;

public enum ScheduleState {
    ACTIVE, PAUSED, DELETED
}
