package io.microplatform.scheduler.task;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Calls a platform service by name, through discovery and client-side load balancing, e.g.
 * {@code {"method": "GET", "service": "inventory-service", "path": "/api/inventory/products"}} for a nightly
 * catalog report. A status other than 2xx fails the attempt.
 */
@Component
class HttpTask implements Task {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/._~%?&=-]{0,500}");

    private final RestClient http;

    HttpTask(RestClient.Builder loadBalanced) {
        this.http = loadBalanced.build();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void validate(Map<String, Object> payload) {
        Object method = payload.getOrDefault("method", "GET");
        if (!METHODS.contains(String.valueOf(method))) {
            throw new IllegalArgumentException("'method' must be one of " + METHODS);
        }
        if (!(payload.get("service") instanceof String service) || !SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("'service' must be a service name such as 'inventory-service'");
        }
        if (!(payload.get("path") instanceof String path) || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("'path' must start with '/' (e.g. '/api/inventory/products')");
        }
    }

    @Override
    public void run(TaskContext context) {
        String method = context.payload().getOrDefault("method", "GET").toString();
        http.method(HttpMethod.valueOf(method))
                .uri("http://" + context.text("service") + context.text("path"))
                .header("X-Scheduler-Run", context.runId().toString())
                .retrieve()
                .toBodilessEntity();
    }
}
