package io.microplatform.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL from zonky's binaries, with one database per service. {@code max_prepared_transactions} is
 * raised above zero because Seata's XA mode prepares transactions on the server. Committed rows survive a
 * {@link #kill()}: the next start replays the write-ahead log.
 */
final class PostgresServer implements Component {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    static final List<String> DATABASES = List.of("orders", "inventory", "scheduler");
    static final String USER = "postgres";

    private final int port;
    private final Path dataDir;
    private final Path workDir;
    private final Path logFile;
    private EmbeddedPostgres postgres;

    PostgresServer(int port, Path dataDir, Path workDir, Path logFile) {
        this.port = port;
        this.dataDir = dataDir;
        this.workDir = workDir;
        this.logFile = logFile;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public String endpoint() {
        return "jdbc:postgresql://" + DevStackSettings.HOST + ":" + port + "/{" + String.join(",", DATABASES) + "}";
    }

    @Override
    public void start() {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.getParent());
            postgres = startServer();
            createDatabases();
        }
        catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start; see " + logFile, e);
        }
    }

    /**
     * zonky's unpacking of the binaries is not crash-safe: a start interrupted while unpacking leaves a
     * directory that later starts trip over. One retry on a clean directory heals that.
     */
    private EmbeddedPostgres startServer() throws IOException {
        try {
            return builder().start();
        }
        catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            DevStack.deleteRecursively(workDir);
            Files.createDirectories(workDir);
            return builder().start();
        }
    }

    private EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(workDir.toFile())
                // a start after a kill replays the WAL first; zonky's default wait (10 s) is tight on 2 cores
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", DevStackSettings.HOST)
                // zonky defaults to off, which acknowledges a commit before its WAL is written: a kill up to
                // ~0.6 s later loses it. On (with zonky's fsync off) a commit survives a crash of the server,
                // though not of the machine, which is what the dev stack's fault commands simulate.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "300")
                .setServerConfig("max_prepared_transactions", "100")
                .setServerConfig("shared_buffers", "64MB")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }

    private void createDatabases() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String database : DATABASES) {
                try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("create database " + database);
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot create the service databases", e);
        }
    }

    @Override
    public List<Long> pids() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            return List.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        }
        catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * After the processes are gone, also the lock files they leave ({@code postmaster.pid} and the socket's
     * {@code .s.PGSQL.<port>.lock}, both naming the dead postmaster): a new postmaster refuses to start while
     * the PID in them exists, and the killed postmaster, not a child of this JVM but re-parented to init, stays a
     * zombie until init reaps it, which on some machines takes minutes. A zombie holds no port and no memory.
     */
    @Override
    public void kill() {
        List<Long> tree = ProcessTree.withDescendants(pids());
        Path pidFile = dataDir.resolve("postmaster.pid");
        List<String> lock = readLines(pidFile);
        ProcessTree.signal("KILL", tree);
        ProcessTree.awaitGone(tree, Duration.ofSeconds(30));
        try {
            // postmaster.pid lines: pid, data directory, start time, port, socket directory, ...
            if (lock.size() > 4 && !lock.get(4).isBlank()) {
                Path socketLock = Path.of(lock.get(4).trim(), ".s.PGSQL." + lock.get(3).trim() + ".lock");
                List<String> socketOwner = readLines(socketLock);
                if (!socketOwner.isEmpty() && socketOwner.get(0).trim().equals(lock.get(0).trim())) {
                    Files.deleteIfExists(socketLock);
                }
            }
            Files.deleteIfExists(pidFile);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete the stale postmaster.pid", e);
        }
        // releases zonky's lock on the data directory; its pg_ctl stop finds no server and says so in the log
        log.info("postgresql killed; zonky's pg_ctl stop below reports that no server runs");
        close();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        }
        catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        if (postgres != null) {
            List<Long> postmaster = pids();
            try {
                postgres.close();
            }
            catch (IOException e) {
                log.warn("postgresql: pg_ctl stop failed ({}); the postmaster is killed instead", e.getMessage());
            }
            // pg_ctl returns before the postmaster has released its port, and on a loaded machine its own wait can
            // run out with the server still up ("Could not stop postmaster"): the stack promises it is gone
            if (postmaster.stream().anyMatch(ProcessTree::running)) {
                List<Long> tree = ProcessTree.withDescendants(postmaster);
                try {
                    ProcessTree.awaitGone(tree, Duration.ofSeconds(20));
                }
                catch (RuntimeException stillRunning) {
                    log.warn("postgresql: the postmaster did not stop after pg_ctl stop; killing it");
                    ProcessTree.signal("KILL", tree);
                    ProcessTree.awaitGone(tree, Duration.ofSeconds(30));
                }
            }
            postgres = null;
        }
    }
}
