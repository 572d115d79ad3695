package io.microplatform.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One server of the dev stack. {@link #start()} returns once the server answers; {@link #close()} stops it
 * gracefully. Both may be called again and again: a component started after a stop or a {@link #kill()} runs
 * on the same port with the same data directory.
 */
interface Component extends AutoCloseable {

    String name();

    /** The port clients connect to. */
    int port();

    /** What clients connect to, for the table printed at start-up. */
    String endpoint();

    /** Everything the component persists; deleted to start it empty. */
    Path dataDir();

    void start();

    /** Operating-system processes of this component, recorded so that nothing outlives the stack. */
    List<Long> pids();

    /**
     * SIGKILL to every process of the component, as a crash would; returns once they are gone (ports and
     * locks released) and the component can be started again.
     */
    default void kill() {
        List<Long> tree = ProcessTree.withDescendants(pids());
        ProcessTree.signal("KILL", tree);
        ProcessTree.awaitGone(tree, Duration.ofSeconds(30));
        // releases what this JVM holds for the dead processes; nothing is left to stop gracefully
        close();
    }

    @Override
    void close();
}
