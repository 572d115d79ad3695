package io.microplatform.scheduler.task;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The tasks of this service by name. */
@Component
public class Tasks {

    private final Map<String, Task> byName;

    Tasks(List<Task> tasks) {
        this.byName = tasks.stream().collect(Collectors.toMap(Task::name, Function.identity(), (a, b) -> {
            throw new IllegalStateException("two tasks named " + a.name());
        }, TreeMap::new));
    }

    public Optional<Task> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** A 400 problem for an unknown task or a payload the task refuses. */
    public void validate(String name, Map<String, Object> payload) {
        Task task = find(name).orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST,
                ProblemTypes.INVALID_REQUEST, "unknown task '" + name + "'; known tasks: " + byName.keySet()));
        try {
            task.validate(payload);
        }
        catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
                    "payload of task '" + name + "': " + e.getMessage());
        }
    }
}
