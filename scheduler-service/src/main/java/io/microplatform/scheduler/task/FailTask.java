package io.microplatform.scheduler.task;

import org.springframework.stereotype.Component;

import java.util.Map;

/** Fails its first {@code times} attempts, then succeeds: shows retries, back-off and dead letters. */
@Component
class FailTask implements Task {

    @Override
    public String name() {
        return "fail";
    }

    @Override
    public void validate(Map<String, Object> payload) {
        if (!(payload.get("times") instanceof Number times) || times.intValue() < 0 || times.intValue() > 100) {
            throw new IllegalArgumentException("'times' must be a number of failing attempts between 0 and 100");
        }
    }

    @Override
    public void run(TaskContext context) {
        long times = context.longValue("times", 0);
        if (context.attempt() <= times) {
            throw new IllegalStateException("attempt " + context.attempt() + " fails on purpose (fails " + times
                    + " time(s))");
        }
    }
}
