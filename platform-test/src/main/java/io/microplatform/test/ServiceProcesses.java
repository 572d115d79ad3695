package io.microplatform.test;

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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The other services of a test JVM ({@link WithServices}), each a {@code java -jar} child with a small heap,
 * on a free port, configured like the local mode (config/ files, the dev stack's coordinates) and awaited on
 * its readiness endpoint.
 */
public final class ServiceProcesses {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Map<String, URI> started = new HashMap<>();
    private static final Map<String, Process> processes = new HashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ServiceProcesses::stopAll, "service-processes-shutdown"));
    }

    private ServiceProcesses() {
    }

    public static synchronized URI uriOf(String service) {
        return started.computeIfAbsent(service, name -> start(name, freePort()));
    }

    /** Crash: SIGKILL, no shutdown hooks, no deregistration, like a node that loses power. */
    public static synchronized void kill(String service) {
        Process process = processes.remove(service);
        if (process == null) {
            throw new IllegalStateException(service + " is not running");
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a killed service again on its port, so that its discovery entry stays valid. */
    public static synchronized void restart(String service) {
        URI uri = started.get(service);
        if (uri == null || processes.containsKey(service)) {
            throw new IllegalStateException(service + " was never started or is still running");
        }
        start(service, uri.getPort());
    }

    private static URI start(String service, int port) {
        Path moduleDir = Path.of("..", service).toAbsolutePath().normalize();
        Path jar = moduleDir.resolve("target").resolve(service + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + service + " first (the reactor build does)");
        }
        Path log = Path.of("target", service + "-it.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(SharedDevStack.get().connectionProperties());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("PLATFORM_CONFIG_DIR", moduleDir.resolveSibling("config").toString());
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            processes.put(service, process);
            URI uri = URI.create("http://localhost:" + port);
            awaitReady(service, process, uri, log);
            return uri;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
    }

    private static void awaitReady(String service, Process process, URI uri, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(uri.resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited while starting; see " + log);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + service, e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + service, e);
            }
        }
        throw new IllegalStateException(service + " not ready after " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static synchronized void stopAll() {
        for (Process process : processes.values()) {
            process.destroy();
        }
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
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
