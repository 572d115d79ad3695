package io.microplatform.devstack;

import java.util.List;

/** One server of the dev stack. {@link #start()} returns once the server answers; {@link #close()} stops it. */
interface Component extends AutoCloseable {

    String name();

    /** What clients connect to, for the table printed at start-up. */
    String endpoint();

    void start();

    /** Operating-system processes of this component, recorded so that nothing outlives the stack. */
    List<Long> pids();

    @Override
    void close();
}
