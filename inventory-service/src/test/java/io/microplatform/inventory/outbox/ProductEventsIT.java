package io.microplatform.inventory.outbox;

import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.TestHttp;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Product changes leave through the outbox as ProductChanged on inventory.events; undoable rows are not cacheable. */
@ServiceIntegrationTest
class ProductEventsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void everyChangePublishesTheProductsNewVersionInOrder() {
        String sku = "EV-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            post("/api/inventory/products", Map.of("sku", sku, "name", "Lamp", "priceCents", 100, "available", 1));
            post("/api/inventory/products/" + sku + "/restock", Map.of("quantity", 2));
            ResponseEntity<Map<String, Object>> patched = TestHttp.client(port).patch().uri("/api/inventory/products/" + sku)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("priceCents", 150)).retrieve()
                    .toEntity(new ParameterizedTypeReference<>() {
                    });
            assertThat(patched.getBody()).containsEntry("priceCents", 150).containsEntry("version", 3);

            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(sku)) {
                        seen.add(record);
                    }
                });
                return seen.size() >= 3;
            });
            assertThat(seen).extracting(ConsumerRecord::value).satisfiesExactly(
                    first -> assertThat(first).contains("\"version\":1", "\"change\":\"CREATED\""),
                    second -> assertThat(second).contains("\"version\":2", "\"change\":\"RESTOCKED\""),
                    third -> assertThat(third).contains("\"version\":3", "\"change\":\"DETAILS_CHANGED\""));
            assertThat(seen).allSatisfy(record -> assertThat(record.headers().lastHeader("eventId")).isNotNull());
        }
        // nothing stays unpublished
        assertThat(jdbc.sql("select count(*) from outbox where aggregate_id = :sku and published_at is null")
                .param("sku", sku).query(Integer.class).single()).isZero();
    }

    @Test
    void aChangeWithoutAnyFieldOrAnUnknownProductIsRefused() {
        assertThat(TestHttp.client(port).patch().uri("/api/inventory/products/KB-001").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of()).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(400);
        assertThat(TestHttp.client(port).patch().uri("/api/inventory/products/NOPE").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "x")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(404);
    }

    /**
     * A product whose last writer is an AT branch with undo-log entries here (phase two not done) is served with
     * no-store, and its outbox row is held back; once the undo log is gone both are normal again.
     */
    @Test
    void aProductAnAtBranchCanStillUndoIsNotCacheableAndItsEventWaits() {
        String sku = "AT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        post("/api/inventory/products", Map.of("sku", sku, "name", "Pending", "priceCents", 100, "available", 1));
        // not shaped like a coordinator's XID, so that nothing settles it behind the test's back
        String xid = "pending-" + UUID.randomUUID();
        jdbc.sql("update product set last_xid = :xid where sku = :sku").param("xid", xid).param("sku", sku).update();
        jdbc.sql("insert into undo_log (branch_id, xid, context, rollback_info, log_status, log_created, log_modified)"
                + " values (1, :xid, 'serializer=jackson', 'x'::bytea, 0, now(), now())").param("xid", xid).update();
        UUID held = UUID.randomUUID();
        jdbc.sql("insert into outbox (event_id, aggregate_id, type, payload, xid) values (:id, :sku, 'ProductChanged', '{}', :xid)")
                .param("id", held).param("sku", sku).param("xid", xid).update();
        UUID after = UUID.randomUUID();
        jdbc.sql("insert into outbox (event_id, aggregate_id, type, payload) values (:id, :sku, 'ProductChanged', '{}')")
                .param("id", after).param("sku", sku).update();
        try {
            assertThat(get(sku).getHeaders().getCacheControl()).isEqualTo("no-store");
            // the relay took the later row, so it passed over the one it must hold back
            await().atMost(Duration.ofSeconds(30)).until(() -> published(after));
            assertThat(published(held)).isFalse();
        }
        finally {
            jdbc.sql("delete from undo_log where xid = :xid").param("xid", xid).update();
        }
        assertThat(get(sku).getHeaders().getCacheControl()).isNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> published(held));
    }

    private boolean published(UUID eventId) {
        return jdbc.sql("select published_at is not null from outbox where event_id = :id").param("id", eventId)
                .query(Boolean.class).single();
    }

    private ResponseEntity<String> get(String sku) {
        return TestHttp.client(port).get().uri("/api/inventory/products/" + sku).retrieve().toEntity(String.class);
    }

    private void post(String path, Object body) {
        assertThat(TestHttp.client(port).post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toBodilessEntity().getStatusCode().is2xxSuccessful()).isTrue();
    }

    private KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "product-events-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of("inventory.events"));
        return consumer;
    }
}
