package io.microplatform.devstack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One stack on free ports; each kind of component is broken on purpose and brought back, and must answer on
 * the same port with its data kept (or, restarted empty, without it), while the others keep running.
 */
class DevStackFaultsIT {

    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void componentsComeBackOnTheirPortsWithTheirData(@TempDir Path tempDir) throws Exception {
        DevStackSettings settings = DevStackSettings.ephemeral(tempDir.resolve("stack"));
        List<Long> everyPid = new ArrayList<>();
        List<Integer> ports;
        try (DevStack stack = DevStack.start(settings)) {
            assertThat(stack.componentNames())
                    .containsExactly("postgresql", "redis-1", "redis-2", "redis-3", "kafka", "seata-tc", "zipkin");
            ports = stack.componentNames().stream().map(stack::port).toList();
            everyPid.addAll(stack.pids());

            postgresKeepsCommittedRowsAcrossAKill(stack);
            everyPid.addAll(stack.pids());
            kafkaKeepsProducedRecordsAcrossAKill(stack);
            everyPid.addAll(stack.pids());
            redisRestartedEmptyHasNoKeysAndKilledKeepsThem(stack);
            everyPid.addAll(stack.pids());
            pausedRedisHangsUntilResumed(stack);
            seataStopsAndStartsOnItsPort(stack);
            everyPid.addAll(stack.pids());
            controlChannelDrivesTheSameOperations(stack);
            everyPid.addAll(stack.pids());

            assertThatThrownBy(() -> stack.kill("postgres"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("known: postgresql, redis-1, redis-2, redis-3, kafka, seata-tc, zipkin");
            assertThat(stack.componentNames()).allSatisfy(name ->
                    assertThat(stack.state(name)).as(name).isEqualTo(ComponentState.RUNNING));
        }
        assertThat(everyPid).allSatisfy(pid -> assertThat(ProcessTree.running(pid)).as("process %d stopped", pid).isFalse());
        assertThat(ports).allSatisfy(port -> assertThat(ChildProcess.portOpen(port)).as("port %d closed", port).isFalse());
    }

    private static void postgresKeepsCommittedRowsAcrossAKill(DevStack stack) throws Exception {
        int port = stack.port("postgresql");
        String url = "jdbc:postgresql://localhost:" + port + "/orders";
        List<Long> before;
        // a connection open during the kill: its backend must die with the postmaster, or the next one refuses
        try (Connection open = DriverManager.getConnection(url, "postgres", "");
             Statement statement = open.createStatement()) {
            statement.execute("create table fault_check (id int primary key, note text)");
            statement.execute("insert into fault_check values (1, 'committed before the kill')");
            before = ProcessTree.withDescendants(stack.componentPids("postgresql"));
            assertThat(before).as("postmaster and its backends").hasSizeGreaterThan(1);

            stack.kill("postgresql");
        }
        assertThat(stack.state("postgresql")).isEqualTo(ComponentState.STOPPED);
        assertThat(before).noneMatch(ProcessTree::running);
        assertThat(ChildProcess.portOpen(port)).isFalse();
        assertThat(stack.state("redis-1")).as("the others keep running").isEqualTo(ComponentState.RUNNING);

        stack.start("postgresql");

        assertThat(stack.state("postgresql")).isEqualTo(ComponentState.RUNNING);
        assertThat(stack.port("postgresql")).isEqualTo(port);
        assertThat(stack.componentPids("postgresql")).doesNotContainAnyElementsOf(before);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = connection.createStatement().executeQuery("select note from fault_check where id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("committed before the kill");
        }
    }

    private static void kafkaKeepsProducedRecordsAcrossAKill(DevStack stack) throws Exception {
        String bootstrap = "localhost:" + stack.port("kafka");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("devstack.faults", "key", "produced before the kill")).get();
        }
        List<Long> before = stack.componentPids("kafka");

        stack.kill("kafka");
        assertThat(before).noneMatch(ProcessTree::running);
        assertThat(ChildProcess.portOpen(stack.port("kafka"))).isFalse();
        stack.start("kafka");

        assertThat(stack.componentPids("kafka")).doesNotContainAnyElementsOf(before);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "devstack-faults",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("devstack.faults"));
            List<String> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(record.value());
                }
            }
            assertThat(received).containsExactly("produced before the kill");
        }
    }

    private static void redisRestartedEmptyHasNoKeysAndKilledKeepsThem(DevStack stack) throws Exception {
        int wiped = stack.port("redis-1");
        int kept = stack.port("redis-2");
        assertThat(redis(wiped, "SET fencing:token 42")).isEqualTo("+OK");
        assertThat(redis(kept, "SET survivor yes")).isEqualTo("+OK");

        stack.restartEmpty("redis-1");
        stack.kill("redis-2");
        assertThat(ChildProcess.portOpen(kept)).isFalse();
        stack.start("redis-2");

        assertThat(redis(wiped, "DBSIZE")).as("restarted empty").isEqualTo(":0");
        assertThat(redis(kept, "GET survivor")).as("append-only file replayed").isEqualTo("$3\r\nyes");
    }

    private static void pausedRedisHangsUntilResumed(DevStack stack) throws Exception {
        int port = stack.port("redis-3");
        stack.pause("redis-3");
        try {
            assertThat(stack.state("redis-3")).isEqualTo(ComponentState.PAUSED);
            assertThatThrownBy(() -> redis(port, "PING")).as("the port accepts, nothing answers")
                    .isInstanceOf(SocketTimeoutException.class);
            assertThatThrownBy(() -> stack.start("redis-3")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("paused");
        }
        finally {
            stack.resume("redis-3");
        }
        assertThat(stack.state("redis-3")).isEqualTo(ComponentState.RUNNING);
        assertThat(redis(port, "PING")).isEqualTo("+PONG");
    }

    private static void seataStopsAndStartsOnItsPort(DevStack stack) {
        int port = stack.port("seata-tc");
        stack.stop("seata-tc");
        assertThat(ChildProcess.portOpen(port)).isFalse();
        assertThatThrownBy(() -> stack.pause("seata-tc")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopped");
        stack.start("seata-tc");
        assertThat(ChildProcess.portOpen(port)).isTrue();
    }

    private static void controlChannelDrivesTheSameOperations(DevStack stack) throws Exception {
        List<String> changes = new ArrayList<>();
        try (DevStackControl control = DevStackControl.start(stack, 0, changed -> changes.add("changed"))) {
            String base = "http://127.0.0.1:" + control.port() + "/components";
            int port = stack.port("redis-3");

            HttpResponse<String> list = send(base, "GET", true);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body().lines().toList()).hasSameSizeAs(stack.componentNames())
                    .anySatisfy(line -> assertThat(line).startsWith("redis-3 running " + port + " "));

            assertThat(send(base + "/redis-3/kill", "POST", false).statusCode()).as("no header").isEqualTo(403);
            HttpResponse<String> killed = send(base + "/redis-3/kill", "POST", true);
            assertThat(killed.statusCode()).isEqualTo(200);
            assertThat(killed.body()).isEqualTo("redis-3 stopped " + port + " -\n");
            assertThat(send(base + "/redis-3/pause", "POST", true).statusCode()).isEqualTo(409);
            HttpResponse<String> started = send(base + "/redis-3/start", "POST", true);
            assertThat(started.statusCode()).isEqualTo(200);
            assertThat(started.body()).startsWith("redis-3 running " + port + " ");
            assertThat(redis(port, "PING")).isEqualTo("+PONG");

            HttpResponse<String> unknown = send(base + "/redis-9/kill", "POST", true);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("known: postgresql, redis-1");
            assertThat(send(base + "/redis-3/explode", "POST", true).statusCode()).isEqualTo(400);
            assertThat(changes).as("the PID file is rewritten after each operation").hasSizeGreaterThanOrEqualTo(3);
        }
    }

    private static HttpResponse<String> send(String url, String method, boolean withHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(120));
        if (withHeader) {
            request.header(DevStackControl.HEADER, "test");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String redis(int port, String command) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[64];
            int read = socket.getInputStream().read(buffer);
            return new String(buffer, 0, read, StandardCharsets.US_ASCII).trim();
        }
    }
}
