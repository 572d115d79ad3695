/**
 * The embedded dev stack: real PostgreSQL, three Redis nodes, a Kafka KRaft broker and the Seata
 * coordinator, started on this machine without Docker.
 *
 * <p>{@link io.microplatform.devstack.DevStack} is both the engine of {@code ./platform up} (through
 * {@link io.microplatform.devstack.DevStackMain}, on fixed documented ports with data that survives restarts)
 * and a library that the test support starts once per test JVM on free ports with throw-away data.
 * Every component is the real server: PostgreSQL binaries from zonky, the Debian {@code redis-server} when
 * present (else the binary bundled by embedded-redis), Kafka's own broker and Seata's own coordinator,
 * each a child process with an explicit small heap where it is a JVM.
 *
 * <h2>Faults on purpose</h2>
 * One component at a time can be stopped, killed (SIGKILL to its whole process tree), paused (SIGSTOP),
 * resumed and started again on the same port with the same data, or restarted empty; the others keep running.
 * Tests call {@link io.microplatform.devstack.DevStack} directly. People reach the same operations of the
 * running {@code DevStackMain} through {@link io.microplatform.devstack.DevStackControl}, a plain-text HTTP
 * endpoint on {@code 127.0.0.1:17099} that {@code ./platform kill|start|status} call with curl. Why HTTP
 * rather than a command file that the stack watches: the caller gets the outcome in the same exchange, after
 * the operation is done (the component answers again, or the reason it did not), with no polling on either
 * side, no half-written or stale command files to clean up, and no second writer of the PID file. The JDK's
 * own HTTP server costs no dependency; loopback binding and a required custom header keep it to this
 * machine's shell, out of reach of other hosts and of web pages open in a browser.
 *
 * <p>What had to be true for a restart on the same port: PostgreSQL's postmaster is daemonized by
 * {@code pg_ctl}, so it is found through its {@code postmaster.pid} and killed together with its backends
 * (orphaned backends keep its shared memory, and a new postmaster refuses to start beside them); its lock
 * files ({@code postmaster.pid}, the socket's {@code .lock}) are removed, since the dead postmaster, re-parented
 * to init, can stay a zombie for minutes and PostgreSQL refuses to start while the PID they name exists; zonky's
 * lock on the data directory is released before the next start; {@code synchronous_commit} is on, so a commit
 * acknowledged before a kill is replayed from the WAL after it. Kafka's storage is formatted once and reused,
 * its unflushed segments recovered on the next start. Every server binds with {@code SO_REUSEADDR}, and a
 * start waits until the killed processes are gone (a zombie counts as gone: it holds no port).
 */
package io.microplatform.devstack;
