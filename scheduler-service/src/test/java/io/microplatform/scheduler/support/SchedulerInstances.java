package io.microplatform.scheduler.support;

import io.microplatform.test.SharedDevStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real scheduler-service processes ({@code java -jar target/scheduler-service.jar}) beside the test, against the
 * shared dev stack, each on a free port with an instance name: what failover tests kill, freeze and resume.
 */
public final class SchedulerInstances implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    /** One running instance. */
    public record Instance(String name, int port, Process process, Path log) {

        public long pid() {
            return process.pid();
        }

        public SchedulerApi api() {
            return new SchedulerApi(port);
        }

        /** A counter or gauge of this instance's Prometheus endpoint, summed over the series that match. */
        public double metric(String name, String labelContains) {
            String text = new String(http(URI.create("http://localhost:" + port + "/actuator/prometheus")));
            double sum = 0;
            Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(text);
            while (line.find()) {
                if (labelContains == null || (line.group(1) != null && line.group(1).contains(labelContains))) {
                    sum += Double.parseDouble(line.group(2));
                }
            }
            return sum;
        }
    }

    private final Map<String, String> environment;
    private final Map<String, Instance> running = new LinkedHashMap<>();

    /** @param environment settings for every instance on top of the dev stack's coordinates */
    public SchedulerInstances(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public synchronized Instance start(String name) {
        if (running.containsKey(name) && running.get(name).process().isAlive()) {
            return running.get(name);
        }
        Path jar = Path.of("target", "scheduler-service.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the package phase builds it before the integration tests");
        }
        int port = freePort();
        Path log = Path.of("target", name + "-it.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xms32m", "-Xmx192m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(SharedDevStack.get().connectionProperties());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("INSTANCE_ID", name);
        builder.environment().put("PLATFORM_CONFIG_DIR", Path.of("..", "config").toAbsolutePath().normalize().toString());
        try {
            Process process = builder.start();
            Instance instance = new Instance(name, port, process, log);
            running.put(name, instance);
            awaitReady(instance);
            return instance;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public synchronized Instance get(String name) {
        return running.get(name);
    }

    /** Sends a signal: KILL (a crash), TERM (a planned shutdown), STOP (a freeze, like a long GC pause), CONT. */
    public void signal(Instance instance, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(instance.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + instance.pid() + " failed");
            }
            if (signal.equals("KILL") || signal.equals("TERM")) {
                instance.process().waitFor(60, TimeUnit.SECONDS);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        for (Instance instance : running.values()) {
            instance.process().destroyForcibly(); // a frozen process would ignore SIGTERM
        }
        running.clear();
    }

    private static void awaitReady(Instance instance) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        URI readiness = URI.create("http://localhost:" + instance.port() + "/actuator/health/readiness");
        while (System.nanoTime() < deadline) {
            if (!instance.process().isAlive()) {
                throw new IllegalStateException(instance.name() + " exited while starting; see " + instance.log());
            }
            try {
                HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(readiness)
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                instance.process().waitFor(250, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(instance.name() + " not ready after " + READY_TIMEOUT + "; see " + instance.log());
    }

    private static byte[] http(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
