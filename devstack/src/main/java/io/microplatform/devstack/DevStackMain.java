package io.microplatform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Command-line entry of the local mode: {@code DevStackMain [--base-dir DIR] [--wipe]}.
 *
 * <p>Starts the stack on the fixed local ports with data under {@code DIR/data} (default {@code .platform}),
 * writes the connection coordinates to {@code DIR/run/devstack.env} and the child PIDs to
 * {@code DIR/run/devstack.pids}, then runs until SIGTERM or SIGINT, when it stops every child before it
 * exits. {@code --wipe} deletes the data first.
 */
public final class DevStackMain {

    private DevStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path baseDir = Path.of(".platform");
        boolean wipe = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base-dir" -> baseDir = Path.of(args[++i]);
                case "--wipe" -> wipe = true;
                default -> {
                    System.err.println("unknown argument " + args[i] + "; usage: DevStackMain [--base-dir DIR] [--wipe]");
                    System.exit(2);
                }
            }
        }
        DevStackSettings settings = DevStackSettings.local(baseDir);
        if (wipe) {
            DevStack.deleteRecursively(settings.dataDir());
        }
        Path runDir = baseDir.resolve("run");
        DevStack stack = DevStack.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            deleteQuietly(runDir.resolve("devstack.env"));
            deleteQuietly(runDir.resolve("devstack.pids"));
            stopped.countDown();
        }, "devstack-shutdown"));
        write(runDir.resolve("devstack.pids"), stack.pids().stream().map(String::valueOf)
                .collect(Collectors.joining("\n", "", "\n")));
        write(runDir.resolve("devstack.env"), stack.connectionProperties().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        System.out.println("dev stack ready");
        for (Map.Entry<String, String> endpoint : stack.endpoints().entrySet()) {
            System.out.printf("  %-12s %s%n", endpoint.getKey(), endpoint.getValue());
        }
        stopped.await();
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ignored) {
            // best effort on the way out
        }
    }
}
