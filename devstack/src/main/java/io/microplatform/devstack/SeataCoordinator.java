package io.microplatform.devstack;

import java.nio.file.Path;
import java.util.List;

/**
 * The Seata transaction coordinator (TC) 2.0.0, run from its published classpath in a child JVM. Its built-in
 * configuration (file registry, file store) suits one machine; it takes overrides as {@code -D} properties
 * only: {@code --key=value} arguments make it exit. Its default heap is 2 GB, so the heap is always set.
 */
final class SeataCoordinator implements Component {

    private final int port;
    private final int consolePort;
    private final Path dataDir;
    private final Path logFile;
    private ChildProcess process;

    SeataCoordinator(int port, int consolePort, Path dataDir, Path logFile) {
        this.port = port;
        this.consolePort = consolePort;
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    @Override
    public String name() {
        return "seata-tc";
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
        return DevStackSettings.HOST + ":" + port;
    }

    @Override
    public void start() {
        List<String> command = List.of(ChildProcess.javaExecutable(),
                "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dserver.port=" + consolePort,
                "-Dseata.server.service-port=" + port,
                "-Dseata.store.file.dir=" + dataDir.resolve("sessionStore").toAbsolutePath(),
                // one resource's branch waiting on another's retries holds its rows locked for nothing: an XA
                // branch of a killed manager answers XAER_NOTA for a minute, and a prepared one of a live
                // participant must not wait behind it (deploy/seata/application.yml says more)
                "-Dseata.server.enable-parallel-handle-branch=true",
                "-Dlog.home=" + dataDir.resolve("logs").toAbsolutePath(),
                "-cp", DevStackClasspath.seataCoordinator(),
                "io.seata.server.ServerApplication");
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
