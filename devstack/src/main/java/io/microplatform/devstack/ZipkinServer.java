package io.microplatform.devstack;

import java.nio.file.Path;
import java.util.List;

/**
 * The Zipkin server 3 (trace backend and UI), run from its executable jar in a child JVM with its in-memory
 * store: the services report their spans to {@code /api/v2/spans}, {@code ./platform trace} and the tests read
 * them back from {@code /api/v2/trace/{id}}. It forgets everything on a restart, and keeps at most
 * {@value #MAX_SPANS} spans (the oldest go first), which fits the small heap.
 */
final class ZipkinServer implements Component {

    static final int MAX_SPANS = 50_000;

    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private ChildProcess process;

    ZipkinServer(int port, Path dataDir, Path logFile) {
        this.port = port;
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    @Override
    public String name() {
        return "zipkin";
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
        return "http://" + DevStackSettings.HOST + ":" + port + "/zipkin/";
    }

    @Override
    public void start() {
        // Zipkin reads its settings from placeholders that system properties fill as well as variables do
        List<String> command = List.of(ChildProcess.javaExecutable(),
                "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-DQUERY_PORT=" + port,
                "-DSTORAGE_TYPE=mem",
                "-DMEM_MAX_SPANS=" + MAX_SPANS,
                "-DCOLLECTOR_ACTIVEMQ_ENABLED=false", "-DCOLLECTOR_KAFKA_ENABLED=false",
                "-DCOLLECTOR_RABBITMQ_ENABLED=false", "-DCOLLECTOR_SCRIBE_ENABLED=false",
                "-jar", DevStackClasspath.zipkinServer());
        process = ChildProcess.start(name(), command, dataDir, logFile);
        process.awaitReady(() -> ChildProcess.portOpen(port), ChildProcess.JVM_READY_TIMEOUT);
    }

    @Override
    public List<Long> pids() {
        return process == null ? List.of() : List.of(process.pid());
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }
}
