package io.microplatform.orders.placement;

import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.microplatform.orders.placement.OrderFixtures.balance;
import static io.microplatform.orders.placement.OrderFixtures.newAccount;
import static io.microplatform.orders.placement.OrderFixtures.newProduct;
import static io.microplatform.orders.placement.OrderFixtures.stock;
import static org.assertj.core.api.Assertions.assertThat;

/** Input validation, Idempotency-Key replays, and the accounts API. */
@ServiceIntegrationTest
@WithServices("inventory-service")
class OrderRulesIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(strings = { "AT", "TCC", "XA", "SAGA" })
    void replayingAnIdempotencyKeyReturnsTheSameOrderAndChargesOnce(String mode) {
        String sku = newProduct(10, 700);
        String user = newAccount(jdbc, 10_000);
        String key = "key-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("userId", user, "mode", mode, "items", List.of(Map.of("sku", sku, "quantity", 2)));

        ResponseEntity<Map<String, Object>> first = post("/api/orders", body, key);
        ResponseEntity<Map<String, Object>> replay = post("/api/orders", body, key);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(replay.getStatusCode().value()).isEqualTo(201);
        assertThat(replay.getBody().get("id")).isEqualTo(first.getBody().get("id"));
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        assertThat(replay.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(balance(jdbc, user)).isEqualTo(10_000 - 1400);
        assertThat(stock(sku)).containsEntry("sold", 2);

        ResponseEntity<Map<String, Object>> otherBody = post("/api/orders",
                Map.of("userId", user, "mode", mode, "items", List.of(Map.of("sku", sku, "quantity", 3))), key);
        assertThat(otherBody.getStatusCode().value()).isEqualTo(422);
        assertThat(otherBody.getBody()).containsEntry("type", "urn:microplatform:problem:idempotency-key-reused");
        assertThat(balance(jdbc, user)).isEqualTo(10_000 - 1400);
    }

    @Test
    void badOrdersAreBadRequestsThatWriteNothing() {
        String sku = newProduct(10, 100);
        String user = newAccount(jdbc, 10_000);
        int ordersBefore = jdbc.sql("select count(*) from orders").query(Integer.class).single();

        assertBadRequest(Map.of("userId", user, "mode", "AT", "items", List.of(Map.of("sku", "NO-SUCH-SKU", "quantity", 1))),
                "items[0].sku: unknown product NO-SUCH-SKU");
        assertBadRequest(Map.of("userId", user, "mode", "AT", "items", List.of(Map.of("sku", sku, "quantity", 0))),
                "items[0].quantity: must be greater than 0");
        assertBadRequest(Map.of("userId", user, "mode", "AT", "items", List.of(Map.of("sku", sku, "quantity", 1_000_000))),
                "items[0].quantity: must be less than or equal to 1000");
        assertBadRequest(Map.of("userId", user, "mode", "AT", "items", List.of()), "items: must not be empty");
        assertBadRequest(Map.of("userId", user, "mode", "AT", "items",
                List.of(Map.of("sku", sku, "quantity", 1), Map.of("sku", sku, "quantity", 2))), "items[1].sku: " + sku + " appears more than once");
        assertBadRequest(Map.of("userId", user, "mode", "2PC", "items", List.of(Map.of("sku", sku, "quantity", 1))),
                "mode: must be one of AT, TCC, XA, SAGA");
        assertBadRequest(Map.of("userId", user, "mode", "NONE", "items", List.of(Map.of("sku", sku, "quantity", 1))),
                "mode: NONE (no global transaction) is only available with microplatform.unsafe-baseline.enabled");
        assertBadRequest(Map.of("mode", "AT", "items", List.of(Map.of("sku", sku, "quantity", 1))), "userId: must not be blank");
        assertBadRequest(Map.of("userId", user, "mode", "AT", "items", List.of(Map.of("sku", sku, "quantity", "two"))),
                "items[0].quantity: has a value of the wrong type or format");
        ResponseEntity<Map<String, Object>> malformed = TestHttp.client(port).post().uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON).body("{\"userId\": ").retrieve()
                .toEntity(new ParameterizedTypeReference<>() {
                });
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);

        assertThat(jdbc.sql("select count(*) from orders").query(Integer.class).single()).isEqualTo(ordersBefore);
        assertThat(stock(sku)).containsEntry("available", 10);
        assertThat(balance(jdbc, user)).isEqualTo(10_000);
    }

    @Test
    void accountsAreCreatedOnceAndRead() {
        String user = "acct-" + UUID.randomUUID();
        ResponseEntity<Map<String, Object>> created = post("/api/payments/accounts", Map.of("userId", user, "balanceCents", 2500), null);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody()).containsEntry("userId", user).containsEntry("balanceCents", 2500);
        assertThat(post("/api/payments/accounts", Map.of("userId", user, "balanceCents", 1), null).getStatusCode().value())
                .isEqualTo(409);
        assertThat(post("/api/payments/accounts", Map.of("userId", user + "x", "balanceCents", -1), null)
                .getStatusCode().value()).isEqualTo(400);
        Map<String, Object> read = TestHttp.client(port).get().uri("/api/payments/accounts/{user}", user).retrieve()
                .body(new ParameterizedTypeReference<>() {
                });
        assertThat(read).containsEntry("balanceCents", 2500);
        // the balance it opened with, kept for the audit of the money's books
        assertThat(jdbc.sql("select opening_cents from account where user_id = ?").param(user).query(Long.class).single())
                .isEqualTo(2500L);
        assertThat(TestHttp.client(port).get().uri("/api/payments/accounts/nobody-" + UUID.randomUUID()).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(404);
    }

    private void assertBadRequest(Map<String, Object> body, String detail) {
        ResponseEntity<Map<String, Object>> response = post("/api/orders", body, null);
        assertThat(response.getStatusCode().value()).as(detail).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("detail").toString()).as(body.toString()).contains(detail);
    }

    private ResponseEntity<Map<String, Object>> post(String path, Object body, String idempotencyKey) {
        return TestHttp.client(port).post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .body(body).retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
    }
}
