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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One service of the platform as a real process: {@code java -jar ../<module>/target/<module>.jar} with a small
 * heap, configured like the local mode (config/ files, the shared dev stack's coordinates), awaited on its
 * readiness endpoint. What tests kill, freeze and resume.
 */
public final class ServiceProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code module} as instance {@code name} on {@code port} and returns once it is ready.
     *
     * @param environment settings on top of the dev stack's coordinates, {@code SERVER_PORT}, {@code INSTANCE_ID}
     *                    and {@code PLATFORM_CONFIG_DIR}
     */
    public static ServiceProcess start(String module, String name, int port, Map<String, String> environment) {
        Path moduleDir = Path.of("..", module).toAbsolutePath().normalize();
        Path jar = moduleDir.resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first (the reactor build does)");
        }
        Path log = Path.of("target", name + "-it.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(SharedDevStack.get().connectionProperties());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("INSTANCE_ID", name);
        builder.environment().put("PLATFORM_CONFIG_DIR", moduleDir.resolveSibling("config").toString());
        try {
            Files.createDirectories(log.getParent());
            ServiceProcess started = new ServiceProcess(name, port, builder.start(), log);
            try {
                started.awaitReady();
            }
            catch (RuntimeException notReady) {
                // nobody holds a process that did not start in time: stop it rather than leave it running
                started.process.destroyForcibly();
                throw notReady;
            }
            return started;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("http://localhost:" + port);
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /**
     * Sends a signal: KILL (a crash: no shutdown hooks, no deregistration), TERM (a planned shutdown), STOP (a
     * freeze, like a long GC pause), CONT. Returns once a killed or terminated process has exited.
     */
    public void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
            }
            if (signal.equals("KILL") || signal.equals("TERM")) {
                process.waitFor(60, TimeUnit.SECONDS);
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

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(uri().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited while starting; see " + log);
                }
                try {
                    if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                }
                catch (IOException e) {
                    // not listening yet
                }
                process.waitFor(250, TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
        throw new IllegalStateException(name + " not ready after " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A port free at the moment of asking. */
    /**
     * The environment that makes a started process find {@code instances} by simple discovery (service name to
     * its instances' base URIs, in round-robin order): a {@code SPRING_APPLICATION_JSON} entry.
     */
    public static Map<String, String> discovering(Map<String, List<URI>> instances) {
        String services = instances.entrySet().stream().map(service -> "\"" + service.getKey() + "\":["
                + service.getValue().stream().map(uri -> "{\"uri\":\"" + uri + "\"}").collect(Collectors.joining(","))
                + "]").collect(Collectors.joining(","));
        return Map.of("SPRING_APPLICATION_JSON",
                "{\"spring\":{\"cloud\":{\"discovery\":{\"client\":{\"simple\":{\"instances\":{" + services + "}}}}}}}");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
