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
 */
package io.microplatform.devstack;
