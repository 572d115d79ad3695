package io.microplatform.scheduler.task;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What an attempt knows: which run it is, its attempt number (1-based), the fencing token of the leader that
 * fired it (to be passed to anything that checks tokens), the schedule's payload and the worker running it.
 */
public record TaskContext(UUID runId, UUID scheduleId, Instant fireTime, int attempt, long fencingToken,
                          Map<String, Object> payload, String worker) {

    public long longValue(String key, long defaultValue) {
        Object value = payload.get(key);
        return value instanceof Number number ? number.longValue() : defaultValue;
    }

    public String text(String key) {
        Object value = payload.get(key);
        return value == null ? null : value.toString();
    }
}
