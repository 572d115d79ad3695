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

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starts the real stack on free ports, uses every component, stops it and checks nothing is left behind. */
class DevStackIT {

    @Test
    void startsRealServersAndLeavesNothingBehind(@TempDir Path tempDir) throws Exception {
        DevStackSettings settings = DevStackSettings.ephemeral(tempDir.resolve("stack"));
        List<Long> pids;
        try (DevStack stack = DevStack.start(settings)) {
            Map<String, String> props = stack.connectionProperties();
            pids = stack.pids();
            assertThat(pids).hasSize(7);

            String url = "jdbc:postgresql://localhost:" + props.get("POSTGRES_PORT") + "/";
            for (String database : List.of("orders", "inventory", "scheduler")) {
                try (Connection connection = DriverManager.getConnection(url + database, "postgres", "");
                     ResultSet rs = connection.createStatement().executeQuery("show max_prepared_transactions")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("XA needs prepared transactions").isPositive();
                }
            }

            for (int port : settings.ports().redis()) {
                assertThat(redis(port, "SET k v")).isEqualTo("+OK");
                assertThat(redis(port, "GET k")).startsWith("$1");
            }

            String bootstrap = props.get("KAFKA_BOOTSTRAP_SERVERS");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("devstack.check", "key", "hello")).get();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "devstack-check",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(List.of("devstack.check"));
                List<String> received = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        received.add(record.value());
                    }
                }
                assertThat(received).containsExactly("hello");
            }

            assertThat(ChildProcess.portOpen(settings.ports().seata())).as("Seata TC listens").isTrue();

            // Zipkin takes a span in its v2 JSON format and gives it back by trace id
            String zipkin = "http://localhost:" + settings.ports().zipkin();
            HttpClient http = HttpClient.newHttpClient();
            String span = "[{\"traceId\":\"00000000000000000000000000c0ffee\",\"id\":\"00000000000000aa\","
                    + "\"name\":\"devstack-check\",\"timestamp\":1700000000000000,\"duration\":1000,"
                    + "\"localEndpoint\":{\"serviceName\":\"devstack-it\"}}]";
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(props.get("ZIPKIN_ENDPOINT")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(span)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.send(HttpRequest.newBuilder(
                            URI.create(zipkin + "/api/v2/trace/00000000000000000000000000c0ffee")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("devstack-check"));
        }

        // stopped: gone, or a zombie with no thread left (PID 1 on some machines reaps a daemonized postmaster late)
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessTree.running(pid)).as("process %d stopped", pid).isFalse());
        DevStackSettings.Ports ports = settings.ports();
        List<Integer> all = new ArrayList<>(ports.redis());
        all.addAll(List.of(ports.postgres(), ports.kafka(), ports.kafkaController(), ports.seata(), ports.zipkin()));
        assertThat(all).allSatisfy(port -> assertThat(ChildProcess.portOpen(port)).as("port %d closed", port).isFalse());
        assertThat(tempDir.resolve("stack")).doesNotExist();
    }

    private static String redis(int port, String command) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[64];
            int read = socket.getInputStream().read(buffer);
            return new String(buffer, 0, read, StandardCharsets.US_ASCII).trim();
        }
    }
}
