package io.microplatform.scheduler.support;

import io.microplatform.test.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named scheduler-service processes beside the test, against the shared dev stack, each on a free port: what
 * failover tests kill, freeze and resume.
 */
public final class SchedulerInstances implements AutoCloseable {

    private final Map<String, String> environment;
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();

    /** @param environment settings for every instance on top of the dev stack's coordinates */
    public SchedulerInstances(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Starts the instance unless it runs, and returns it once it is ready. */
    public synchronized ServiceProcess start(String name) {
        ServiceProcess instance = running.get(name);
        if (instance != null && instance.process().isAlive()) {
            return instance;
        }
        instance = ServiceProcess.start("scheduler-service", name, ServiceProcess.freePort(), environment);
        running.put(name, instance);
        return instance;
    }

    public synchronized ServiceProcess get(String name) {
        return running.get(name);
    }

    public static SchedulerApi api(ServiceProcess instance) {
        return new SchedulerApi(instance.port());
    }

    /** A counter or gauge of an instance's Prometheus endpoint, summed over the series whose labels match. */
    public static double metric(ServiceProcess instance, String name, String labelContains) {
        String text = get(instance.uri().resolve("/actuator/prometheus"));
        double sum = 0;
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(text);
        while (line.find()) {
            if (labelContains == null || (line.group(1) != null && line.group(1).contains(labelContains))) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }

    @Override
    public synchronized void close() {
        for (ServiceProcess instance : running.values()) {
            instance.process().destroyForcibly(); // a frozen process would ignore SIGTERM
        }
        running.clear();
    }

    private static String get(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
