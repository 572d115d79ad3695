package io.microplatform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the dev stack keeps its data and logs and which ports it listens on.
 *
 * @param dataDir   data of every component; survives restarts unless wiped
 * @param logDir    one log file per component
 * @param ports     listening ports
 * @param ephemeral whether {@code dataDir} is deleted when the stack is closed (tests)
 */
public record DevStackSettings(Path dataDir, Path logDir, Ports ports, boolean ephemeral) {

    /** Host every component binds to and advertises: loopback, the stack is for this machine only. */
    public static final String HOST = "localhost";

    /**
     * @param postgres       PostgreSQL
     * @param redis          one port per Redis node; the first node also serves locks and rate limits
     * @param kafka          Kafka broker listener
     * @param kafkaController Kafka KRaft controller listener
     * @param seata          Seata coordinator RPC port (clients connect here)
     * @param seataConsole   Seata coordinator HTTP port (console, health)
     * @param zipkin         Zipkin server: span collector, API and UI
     */
    public record Ports(int postgres, List<Integer> redis, int kafka, int kafkaController, int seata,
                        int seataConsole, int zipkin) {

        /**
         * The fixed ports of the local mode, documented in the README. They sit above the standard ports
         * (5432, 6379, 9092, 8091, 9411) so that system services on this machine keep theirs.
         */
        public static Ports local() {
            return new Ports(15432, List.of(16379, 16380, 16381), 19092, 19093, 18091, 17091, 19411);
        }

        /** Free ports chosen by the operating system, for tests that run beside anything else. */
        public static Ports free() {
            return new Ports(freePort(), List.of(freePort(), freePort(), freePort()), freePort(), freePort(),
                    freePort(), freePort(), freePort());
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            }
            catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
    }

    /** The local mode: fixed ports, data and logs under {@code baseDir}. */
    public static DevStackSettings local(Path baseDir) {
        return new DevStackSettings(baseDir.resolve("data"), baseDir.resolve("logs"), Ports.local(), false);
    }

    /** Tests: free ports, everything under a directory that is deleted on close. */
    public static DevStackSettings ephemeral(Path tempDir) {
        return ephemeral(tempDir, tempDir.resolve("logs"));
    }

    /** Tests: free ports, data under a directory that is deleted on close, logs in {@code logDir}, kept. */
    public static DevStackSettings ephemeral(Path tempDir, Path logDir) {
        return new DevStackSettings(tempDir.resolve("data"), logDir, Ports.free(), true);
    }
}
