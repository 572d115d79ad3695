package io.microplatform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server started as a child process, its output appended to one log file. Readiness is polled on a
 * condition (a port, a protocol answer), never assumed after a sleep; a child that dies while starting
 * fails fast with the end of its log.
 */
final class ChildProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    static ChildProcess start(String name, List<String> command, Path workDir, Path logFile) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new ChildProcess(name, process, logFile);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
        }
    }

    /** The java launcher of this JVM, so children run on the same JDK as their parent. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    long pid() {
        return process.pid();
    }

    /**
     * How long a JVM component (Kafka, the Seata coordinator, Zipkin) may take to get ready: 10–20 s on an idle
     * two-core machine, and over 90 s when the machine is saturated (load average above 20, several test JVMs
     * and benchmarks at once).
     */
    static final Duration JVM_READY_TIMEOUT = Duration.ofSeconds(180);

    void awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " while starting; end of " + logFile + ":\n" + logTail());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; end of "
                        + logFile + ":\n" + logTail());
            }
            pause();
        }
    }

    /** For one-shot tools: waits for a zero exit code. */
    void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " still running after " + timeout.toSeconds() + " s");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed with code " + process.exitValue() + "; end of " + logFile
                    + ":\n" + logTail());
        }
    }

    /** SIGTERM first so the server shuts down cleanly; SIGKILL only if it does not within the grace period. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(DevStackSettings.HOST, port), 500);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    /** The one polling interval of the stack: short enough to add little to start-up, long enough to be idle. */
    static void pause() {
        try {
            Thread.sleep(100);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
