package io.microplatform.scheduler.task;

import org.springframework.stereotype.Component;

import java.util.Map;

/** Sleeps {@code millis}: a long task (timeouts, locks held while a task runs, a worker killed mid-run). */
@Component
class SleepTask implements Task {

    static final long MAX_MILLIS = 6 * 3600 * 1000L;

    @Override
    public String name() {
        return "sleep";
    }

    @Override
    public void validate(Map<String, Object> payload) {
        if (!(payload.get("millis") instanceof Number millis) || millis.longValue() < 0 || millis.longValue() > MAX_MILLIS) {
            throw new IllegalArgumentException("'millis' must be a number of milliseconds between 0 and " + MAX_MILLIS);
        }
    }

    @Override
    public void run(TaskContext context) throws InterruptedException {
        Thread.sleep(context.longValue("millis", 0));
    }
}
