package io.microplatform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Command-line entry of the local mode: {@code DevStackMain [--base-dir DIR] [--wipe] [--control-port PORT]}.
 *
 * <p>Starts the stack on the fixed local ports with data under {@code DIR/data} (default {@code .platform}),
 * writes the connection coordinates to {@code DIR/run/devstack.env} and the child PIDs to
 * {@code DIR/run/devstack.pids}, opens the {@link DevStackControl} channel on {@code 127.0.0.1:PORT} (default
 * {@value DevStackControl#LOCAL_PORT}) for {@code ./platform kill|start}, then runs until SIGTERM or SIGINT,
 * when it stops every child before it exits. {@code --wipe} deletes the data first. The PID file is rewritten
 * after every operation of the control channel, so that it names the processes that run now.
 */
public final class DevStackMain {

    private DevStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path baseDir = Path.of(".platform");
        boolean wipe = false;
        int controlPort = DevStackControl.LOCAL_PORT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base-dir" -> baseDir = Path.of(args[++i]);
                case "--wipe" -> wipe = true;
                case "--control-port" -> controlPort = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i] + "; usage: DevStackMain [--base-dir DIR] [--wipe] [--control-port PORT]");
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
        Path pidFile = runDir.resolve("devstack.pids");
        DevStackControl control;
        try {
            control = DevStackControl.start(stack, controlPort, changed -> writePids(pidFile, changed));
        }
        catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.close();
            stack.close();
            deleteQuietly(runDir.resolve("devstack.env"));
            deleteQuietly(runDir.resolve("devstack.pids"));
            stopped.countDown();
        }, "devstack-shutdown"));
        writePids(pidFile, stack);
        write(runDir.resolve("devstack.env"), stack.connectionProperties().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        System.out.println("dev stack ready");
        for (Map.Entry<String, String> endpoint : stack.endpoints().entrySet()) {
            System.out.printf("  %-12s %s%n", endpoint.getKey(), endpoint.getValue());
        }
        stopped.await();
    }

    /** Written to a temporary file and moved: {@code ./platform down} never reads half a list. */
    private static void writePids(Path pidFile, DevStack stack) {
        Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        write(tmp, stack.pids().stream().map(String::valueOf).collect(Collectors.joining("\n", "", "\n")));
        try {
            Files.move(tmp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
