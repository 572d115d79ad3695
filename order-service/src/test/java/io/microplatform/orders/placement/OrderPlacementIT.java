package io.microplatform.orders.placement;

import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithServices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.microplatform.orders.placement.OrderFixtures.balance;
import static io.microplatform.orders.placement.OrderFixtures.frozen;
import static io.microplatform.orders.placement.OrderFixtures.inventoryDb;
import static io.microplatform.orders.placement.OrderFixtures.newAccount;
import static io.microplatform.orders.placement.OrderFixtures.newProduct;
import static io.microplatform.orders.placement.OrderFixtures.stock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders in every mode against the real coordinator, a real inventory-service process, PostgreSQL and Kafka:
 * outcomes checked in both databases and on the topic.
 */
@ServiceIntegrationTest
@WithServices("inventory-service")
class OrderPlacementIT {

    private static OrderEvents events;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void subscribe(@Autowired Environment environment) {
        events = new OrderEvents(environment.getRequiredProperty("KAFKA_BOOTSTRAP_SERVERS"));
    }

    @AfterAll
    static void unsubscribe() {
        events.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "AT", "TCC", "XA", "SAGA" })
    void aPlacedOrderChangesStockBalanceAndOrderTogetherAndPublishesOneEvent(String mode) {
        String keyboard = newProduct(10, 8900);
        String mouse = newProduct(10, 2900);
        String user = newAccount(jdbc, 100_000);

        ResponseEntity<Map<String, Object>> response = place(user, mode, null, line(keyboard, 2), line(mouse, 1));

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        Map<String, Object> order = response.getBody();
        assertThat(order).containsEntry("status", "CONFIRMED").containsEntry("mode", mode)
                .containsEntry("totalCents", 2 * 8900 + 2900).containsEntry("userId", user);
        UUID id = UUID.fromString((String) order.get("id"));
        assertThat(response.getHeaders().getLocation()).hasToString("/api/orders/" + id);

        assertThat(stock(keyboard)).containsEntry("available", 8).containsEntry("reserved", 0).containsEntry("sold", 2);
        assertThat(stock(mouse)).containsEntry("available", 9).containsEntry("reserved", 0).containsEntry("sold", 1);
        assertThat(balance(jdbc, user)).isEqualTo(100_000 - 20_700);
        assertThat(frozen(jdbc, user)).isZero();

        List<ConsumerRecord<String, String>> published = await().atMost(Duration.ofSeconds(30))
                .until(() -> events.forOrder(id), records -> !records.isEmpty());
        assertThat(published).hasSize(1);
        assertThat(header(published.get(0), "eventType")).isEqualTo("OrderPlaced");
        assertThat(published.get(0).value()).contains("\"orderId\":\"" + id + "\"", "\"totalCents\":20700");
    }

    @Test
    void anEventHeldBackByAnUndoLogThatACrashLeftBehindIsPublishedOnceTheCoordinatorSaysItCommitted() {
        String sku = newProduct(10, 100);
        String user = newAccount(jdbc, 10_000);
        UUID id = UUID.fromString((String) place(user, "AT", null, line(sku, 1)).getBody().get("id"));
        String xid = jdbc.sql("select xid from orders where id = ?").param(id).query(String.class).single();
        await().atMost(Duration.ofSeconds(30)).until(() -> events.forOrder(id), records -> records.size() == 1);

        // what a participant killed between acknowledging the commit and its asynchronous clean-up leaves: the
        // undo log of a committed transaction, and an event that waits for it to go
        UUID lateEvent = UUID.randomUUID();
        jdbc.sql("""
                insert into undo_log (branch_id, xid, context, rollback_info, log_status, log_created, log_modified)
                values (1, ?, 'serializer=jackson', '\\x00', 0, localtimestamp - interval '1 minute', localtimestamp)""")
                .param(xid).update();
        jdbc.sql("""
                insert into outbox (event_id, aggregate_id, type, payload, xid, created_at)
                values (?, ?, 'OrderPlaced', '{}', ?, now() - interval '1 minute')""")
                .param(lateEvent).param(id).param(xid).update();

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("select count(*) from undo_log where xid = ?")
                .param(xid).query(Integer.class).single() == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> events.forOrder(id), records -> records.size() == 2);
        assertThat(jdbc.sql("select published_at is not null from outbox where event_id = ?").param(lateEvent)
                .query(Boolean.class).single()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "AT", "TCC", "XA" })
    void theGlobalTransactionIdCrossesTheHttpCallToInventory(String mode) {
        String sku = newProduct(10, 100);
        String user = newAccount(jdbc, 10_000);

        UUID id = UUID.fromString((String) place(user, mode, null, line(sku, 1)).getBody().get("id"));

        String orderXid = jdbc.sql("select xid from orders where id = ?").param(id).query(String.class).single();
        List<String> inventoryXids = inventoryDb().sql("select distinct xid from stock_movement where order_id = ?")
                .param(id).query(String.class).list();
        assertThat(orderXid).isNotBlank();
        assertThat(inventoryXids).containsExactly(orderXid);
    }

    @ParameterizedTest
    @ValueSource(strings = { "AT", "TCC", "XA", "SAGA" })
    void aFailedPaymentLeavesNothingChangedAnywhere(String mode) {
        String sku = newProduct(10, 5000);
        String user = newAccount(jdbc, 4999);

        ResponseEntity<Map<String, Object>> response = place(user, mode, null, line(sku, 1));

        assertThat(response.getStatusCode().value()).isEqualTo(402);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("type", "urn:microplatform:problem:insufficient-balance");
        assertNothingChanged(mode, user, 4999, sku, 10);
    }

    @ParameterizedTest
    @ValueSource(strings = { "AT", "TCC", "XA", "SAGA" })
    void insufficientStockLeavesNothingChangedAnywhere(String mode) {
        String plenty = newProduct(10, 100);
        String scarce = newProduct(1, 100);
        String user = newAccount(jdbc, 10_000);

        ResponseEntity<Map<String, Object>> response = place(user, mode, null, line(plenty, 2), line(scarce, 2));

        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(response.getBody()).containsEntry("type", "urn:microplatform:problem:insufficient-stock");
        assertNothingChanged(mode, user, 10_000, plenty, 10);
        assertThat(stock(scarce)).containsEntry("available", 1).containsEntry("sold", 0);
    }

    @ParameterizedTest
    @ValueSource(strings = { "AT", "TCC", "XA", "SAGA" })
    void concurrentOrdersNeverOversell(String mode) throws Exception {
        int stock = 5;
        int orders = 12;
        String sku = newProduct(stock, 100);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            users.add(newAccount(jdbc, 10_000));
        }

        ExecutorService clients = Executors.newFixedThreadPool(orders);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (String user : users) {
                Callable<Integer> order = () -> place(user, mode, null, line(sku, 1)).getStatusCode().value();
                statuses.add(clients.submit(order));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get());
            }
            assertThat(codes).filteredOn(code -> code == 201).hasSize(stock);
            assertThat(codes).filteredOn(code -> code != 201).allMatch(code -> code == 409);
        }
        finally {
            clients.shutdownNow();
        }
        assertThat(stock(sku)).containsEntry("available", 0).containsEntry("reserved", 0).containsEntry("sold", stock);
        assertThat(jdbc.sql("select count(*) from orders o join order_item i on i.order_id = o.id"
                + " where i.sku = ? and o.status = 'CONFIRMED'").param(sku).query(Integer.class).single()).isEqualTo(stock);
        long charged = users.stream().filter(user -> balance(jdbc, user) == 10_000 - 100).count();
        assertThat(charged).isEqualTo(stock);
    }

    private void assertNothingChanged(String mode, String user, long balance, String sku, int available) {
        assertThat(stock(sku)).containsEntry("available", available).containsEntry("reserved", 0).containsEntry("sold", 0);
        assertThat(balance(jdbc, user)).isEqualTo(balance);
        assertThat(frozen(jdbc, user)).isZero();
        List<String> statuses = jdbc.sql("select status from orders where user_id = ?").param(user).query(String.class).list();
        if (mode.equals("SAGA")) {
            assertThat(statuses).as("a compensated saga leaves its order cancelled").containsExactly("CANCELLED");
        }
        else {
            assertThat(statuses).as("a rolled-back order leaves no row").isEmpty();
        }
        assertThat(jdbc.sql("select count(*) from outbox o join orders r on r.id = o.aggregate_id where r.user_id = ?")
                .param(user).query(Integer.class).single()).as("no event for a failed order").isZero();
        // phase two finishes asynchronously (AT deletes undo logs in the background)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.sql("select count(*) from undo_log").query(Integer.class).single()).isZero();
            assertThat(inventoryDb().sql("select count(*) from undo_log").query(Integer.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from pg_prepared_xacts").query(Integer.class).single()).isZero();
        });
    }

    static Map<String, Object> line(String sku, int quantity) {
        return Map.of("sku", sku, "quantity", quantity);
    }

    @SafeVarargs
    private ResponseEntity<Map<String, Object>> place(String user, String mode, String idempotencyKey,
                                                      Map<String, Object>... lines) {
        return TestHttp.client(port).post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .body(Map.of("userId", user, "mode", mode, "items", List.of(lines)))
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
