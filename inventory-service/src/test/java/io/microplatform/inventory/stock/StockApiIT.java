package io.microplatform.inventory.stock;

import io.microplatform.test.TestHttp;
import io.microplatform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.microplatform.inventory.stock.StockFixtures.counters;
import static io.microplatform.inventory.stock.StockFixtures.newProduct;
import static org.assertj.core.api.Assertions.assertThat;

/** The internal stock API without order-service: refusals, and the Saga steps' idempotency and ordering. */
@ServiceIntegrationTest
class StockApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void atXaAndTccCallsOutsideAGlobalTransactionAreRefusedAndChangeNothing() {
        String sku = newProduct(jdbc, 10);
        for (String path : List.of("at/deductions", "xa/deductions", "tcc/reservations")) {
            ResponseEntity<Map<String, Object>> response = post(path, request(UUID.randomUUID(), sku, 1));
            assertThat(response.getStatusCode().value()).as(path).isEqualTo(400);
            assertThat(response.getBody()).containsEntry("type", "urn:microplatform:problem:no-global-transaction");
        }
        assertThat(counters(jdbc, sku)).containsEntry("available", 10).containsEntry("sold", 0).containsEntry("reserved", 0);
    }

    @Test
    void sagaDeductionIsIdempotentAndItsReleaseReturnsTheStockOnce() {
        String sku = newProduct(jdbc, 10);
        UUID order = UUID.randomUUID();

        assertThat(post("saga/deductions", request(order, sku, 3)).getStatusCode().value()).isEqualTo(200);
        assertThat(post("saga/deductions", request(order, sku, 3)).getStatusCode().value()).isEqualTo(200);
        assertThat(counters(jdbc, sku)).containsEntry("available", 7).containsEntry("sold", 3);

        assertThat(post("saga/releases", request(order, sku, 3)).getStatusCode().value()).isEqualTo(200);
        assertThat(post("saga/releases", request(order, sku, 3)).getStatusCode().value()).isEqualTo(200);
        assertThat(counters(jdbc, sku)).containsEntry("available", 10).containsEntry("sold", 0);
    }

    @Test
    void aSagaDeductionArrivingAfterItsReleaseIsRefused() {
        String sku = newProduct(jdbc, 10);
        UUID order = UUID.randomUUID();

        assertThat(post("saga/releases", request(order, sku, 4)).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<Map<String, Object>> late = post("saga/deductions", request(order, sku, 4));

        assertThat(late.getStatusCode().value()).isEqualTo(409);
        assertThat(late.getBody()).containsEntry("type", "urn:microplatform:problem:compensated");
        assertThat(counters(jdbc, sku)).containsEntry("available", 10).containsEntry("sold", 0);
    }

    @Test
    void insufficientStockOnOneItemTakesNothingFromTheOthers() {
        String plenty = newProduct(jdbc, 10);
        String scarce = newProduct(jdbc, 1);
        UUID order = UUID.randomUUID();

        ResponseEntity<Map<String, Object>> response = post("saga/deductions", Map.of("orderId", order, "items",
                List.of(Map.of("sku", plenty, "quantity", 2), Map.of("sku", scarce, "quantity", 2))));

        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(response.getBody()).containsEntry("type", "urn:microplatform:problem:insufficient-stock")
                .containsEntry("detail", "product " + scarce + ": 2 requested, 1 available");
        assertThat(counters(jdbc, plenty)).containsEntry("available", 10).containsEntry("sold", 0);
        assertThat(jdbc.sql("select count(*) from stock_movement where order_id = ?").param(order)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void invalidStockRequestsAreBadRequests() {
        String sku = newProduct(jdbc, 10);
        assertThat(post("saga/deductions", request(UUID.randomUUID(), sku, 0)).getStatusCode().value()).isEqualTo(400);
        assertThat(post("saga/deductions", Map.of("orderId", UUID.randomUUID(), "items", List.of()))
                .getStatusCode().value()).isEqualTo(400);
        assertThat(post("local/deductions", request(UUID.randomUUID(), sku, 1)).getStatusCode().value())
                .as("the unsafe baseline is off by default").isEqualTo(404);
        assertThat(counters(jdbc, sku)).containsEntry("available", 10);
    }

    private static Map<String, Object> request(UUID order, String sku, int quantity) {
        return Map.of("orderId", order, "items", List.of(Map.of("sku", sku, "quantity", quantity)));
    }

    private ResponseEntity<Map<String, Object>> post(String path, Object body) {
        return TestHttp.client(port).post().uri("/internal/inventory/stock/" + path)
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
    }
}
