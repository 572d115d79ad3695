package io.microplatform.test;

import io.microplatform.devstack.DevStack;
import io.microplatform.devstack.DevStackSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one dev stack of a test JVM: started on first use on free ports (so that builds can run beside a
 * running local platform), data in a temporary directory, stopped and deleted when the JVM exits. The components'
 * logs outlive it in the module's {@code target/devstack-logs/<pid>} (Maven runs tests in the module's folder), so
 * that what the coordinator or the broker did while a test failed can be read afterwards.
 *
 * <p>Faults: {@code SharedDevStack.get().kill("redis-1")}, {@code .start("redis-1")}, {@code .stop(..)},
 * {@code .pause(..)}/{@code .resume(..)}, {@code .restartEmpty(..)} on {@code postgresql}, {@code redis-1..3},
 * {@code kafka}, {@code seata-tc} (see {@link DevStack}). The stack is shared by every test of the JVM: a test
 * that breaks a component starts (or resumes) it again in a {@code finally} block or an {@code @AfterEach}.
 */
public final class SharedDevStack {

    private static DevStack stack;

    private SharedDevStack() {
    }

    public static synchronized DevStack get() {
        if (stack == null) {
            DevStack started;
            try {
                started = startOnFreePorts();
            }
            catch (IllegalStateException e) {
                // a port is free when chosen and bound a moment later, by each component's own process: another
                // process (any client's outgoing connection takes an ephemeral port) can take it in between
                if (!portTaken(e)) {
                    throw e;
                }
                started = startOnFreePorts();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "devstack-shutdown"));
            stack = started;
        }
        return stack;
    }

    private static DevStack startOnFreePorts() {
        try {
            Path temp = Files.createTempDirectory("devstack-");
            return DevStack.start(DevStackSettings.ephemeral(temp, logDir(temp)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code target/devstack-logs/<pid>} under a Maven module, else beside the data (deleted with it). */
    private static Path logDir(Path temp) {
        Path target = Path.of("target");
        return Files.isDirectory(target)
                ? target.resolve("devstack-logs").resolve(Long.toString(ProcessHandle.current().pid())).toAbsolutePath()
                : temp.resolve("logs");
    }

    private static boolean portTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
