package io.microplatform.orders.order;

import io.microplatform.test.TestHttp;
import io.microplatform.test.WithServices;
import io.microplatform.test.ServiceIntegrationTest;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.core.model.GlobalStatus;
import org.apache.seata.tm.api.GlobalTransaction;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@WithServices("inventory-service")
class OrderApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void returnsAStoredOrderWithItsItems() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into orders (id, user_id, status, mode, total_cents) values (?, 'alice', 'CONFIRMED', 'AT', 11800)")
                .param(id).update();
        jdbc.sql("insert into order_item (order_id, sku, quantity, price_cents) values (?, 'KB-001', 1, 8900), (?, 'MS-002', 1, 2900)")
                .param(id).param(id).update();

        Order order = TestHttp.client(port).get().uri("/api/orders/{id}", id).retrieve().body(Order.class);

        assertThat(order.userId()).isEqualTo("alice");
        assertThat(order.totalCents()).isEqualTo(11800);
        assertThat(order.items()).extracting(Order.OrderItem::sku).containsExactly("KB-001", "MS-002");

        OrderPage page = TestHttp.client(port).get().uri("/api/orders?userId=alice&size=5").retrieve().body(OrderPage.class);
        assertThat(page.content()).extracting(Order::id).contains(id);
        assertThat(page.size()).isEqualTo(5);
    }

    @Test
    void throughTheGatewayAUserReachesOnlyTheirOwnOrdersAndAccount() {
        UUID id = UUID.randomUUID();
        String alice = "alice-" + UUID.randomUUID();
        jdbc.sql("insert into orders (id, user_id, status, mode, total_cents) values (?, ?, 'CONFIRMED', 'AT', 8900)")
                .param(id).param(alice).update();
        long ordersBefore = jdbc.sql("select count(*) from orders").query(Long.class).single();

        assertThat(asUser(alice).get().uri("/api/orders/{id}", id).retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(200);
        // someone else's order is as missing as one that does not exist
        assertThat(problem(asUser("bob").get().uri("/api/orders/{id}", id))).containsEntry("status", 404);
        // the list defaults to the caller and refuses anyone else's
        assertThat(asUser(alice).get().uri("/api/orders").retrieve().body(OrderPage.class).content())
                .extracting(Order::id).containsExactly(id);
        assertThat(problem(asUser("bob").get().uri("/api/orders?userId={user}", alice)))
                .containsEntry("status", 403).containsEntry("type", "urn:microplatform:problem:forbidden");
        assertThat(problem(TestHttp.client(port).get().uri("/api/orders")))
                .containsEntry("status", 400).extractingByKey("detail").asString().contains("userId");
        // no order on someone else's behalf, and nothing written
        assertThat(problem(asUser("bob").post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("userId", alice, "mode", "AT", "items", java.util.List.of(Map.of("sku", "KB-001", "quantity", 1))))))
                .containsEntry("status", 403);
        assertThat(jdbc.sql("select count(*) from orders").query(Long.class).single()).isEqualTo(ordersBefore);
        assertThat(problem(asUser("bob").get().uri("/api/payments/accounts/{user}", alice))).containsEntry("status", 403);
    }

    /** A client that calls as the gateway does for an authenticated user. */
    private org.springframework.web.client.RestClient asUser(String user) {
        return TestHttp.client(port).mutate().defaultHeader("X-User-Id", user).build();
    }

    private static Map<String, Object> problem(org.springframework.web.client.RestClient.RequestHeadersSpec<?> request) {
        ResponseEntity<Map<String, Object>> response = request.retrieve().toEntity(new ParameterizedTypeReference<>() {
        });
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return response.getBody();
    }

    @Test
    void missingOrderIsANotFoundProblemAndABadIdIsABadRequest() {
        ResponseEntity<Map<String, Object>> missing = TestHttp.client(port).get()
                .uri("/api/orders/{id}", UUID.randomUUID()).retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(missing.getBody()).containsEntry("type", "urn:microplatform:problem:not-found");

        ResponseEntity<Map<String, Object>> badId = TestHttp.client(port).get().uri("/api/orders/not-a-uuid")
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
        assertThat(badId.getStatusCode().value()).isEqualTo(400);

        ResponseEntity<Map<String, Object>> badSize = TestHttp.client(port).get().uri("/api/orders?userId=alice&size=1000")
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
        assertThat(badSize.getStatusCode().value()).isEqualTo(400);
        assertThat(badSize.getBody().get("detail").toString()).contains("size");
    }

    @Test
    void beginsAndCommitsAGlobalTransactionOnTheRealCoordinator() throws Exception {
        GlobalTransaction tx = GlobalTransactionContext.getCurrentOrCreate();
        tx.begin(30_000, "skeleton-check");
        try {
            assertThat(RootContext.getXID()).as("the coordinator handed out an XID").isNotBlank();
            tx.commit();
        }
        finally {
            RootContext.unbind();
        }
        // with no branch registered the coordinator may finish the commit asynchronously: both mean "committed"
        assertThat(tx.getStatus()).isIn(GlobalStatus.Committed, GlobalStatus.AsyncCommitting);
    }
}
