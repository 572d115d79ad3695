package io.microplatform.scheduler.task;

import org.springframework.stereotype.Component;

/** Does nothing: the cost of the machinery itself (benchmarks, smoke tests). */
@Component
class NoopTask implements Task {

    @Override
    public String name() {
        return "noop";
    }

    @Override
    public void run(TaskContext context) {
    }
}
