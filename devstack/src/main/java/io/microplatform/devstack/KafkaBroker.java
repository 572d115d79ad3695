package io.microplatform.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one process), run from Kafka's own server
 * classes in a child JVM with an explicit heap. Storage is formatted once; later starts reuse it.
 */
final class KafkaBroker implements Component {

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final Path logFile;
    private ChildProcess process;

    KafkaBroker(int port, int controllerPort, Path dataDir, Path logFile) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    @Override
    public String name() {
        return "kafka";
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
        Path logDirs = dataDir.resolve("logs");
        Path config = writeConfig(logDirs);
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            format(config);
        }
        process = ChildProcess.start(name(), javaCommand("-Xmx384m", "kafka.Kafka", config.toString()),
                dataDir, logFile);
        process.awaitReady(this::answersMetadata, ChildProcess.JVM_READY_TIMEOUT);
    }

    private void format(Path config) {
        String clusterId = Uuid.randomUuid().toString();
        try (ChildProcess formatter = ChildProcess.start("kafka-storage-format",
                javaCommand("-Xmx128m", "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString(),
                        "--ignore-formatted"), dataDir, logFile)) {
            formatter.awaitExit(Duration.ofSeconds(60));
        }
    }

    private static List<String> javaCommand(String maxHeap, String... mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xms32m", maxHeap,
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=devstack-logback.xml",
                "-cp", DevStackClasspath.runtime()));
        command.addAll(List.of(mainAndArgs));
        return command;
    }

    private Path writeConfig(Path logDirs) {
        String host = DevStackSettings.HOST;
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDirs.toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=3",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=72",
                "");
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            Files.writeString(config, properties);
            return config;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka configuration", e);
        }
    }

    private boolean answersMetadata() {
        if (!ChildProcess.portOpen(port)) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        }
        catch (Exception e) {
            return false;
        }
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
