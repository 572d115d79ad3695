package io.microplatform.orders.placement;

import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.SharedDevStack;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.microplatform.orders.placement.OrderFixtures.balance;
import static io.microplatform.orders.placement.OrderFixtures.newAccount;
import static io.microplatform.orders.placement.OrderFixtures.newProduct;
import static io.microplatform.orders.placement.OrderFixtures.stock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL killed in the middle of a Saga, while the order is held at a step: the step fails, and so does the
 * engine's own state log, because both databases are gone. Once PostgreSQL is back the order must still settle,
 * driven by the coordinator once the global transaction times out: compensated (CANCELLED, the stock and the
 * balance as they were, no event) when cut off before its last step, driven forward (CONFIRMED, one event) when
 * cut off in {@code ConfirmOrder}, the saga's pivot. The client's retry with its Idempotency-Key, which the 503
 * invited, then answers with the confirmed order or places a cancelled one anew.
 */
@ServiceIntegrationTest
@WithServices("inventory-service")
class SagaOutageIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StepFaults faults;

    @AfterEach
    void disarm() {
        faults.clear();
        SharedDevStack.get().start("postgresql");
    }

    @ParameterizedTest
    @CsvSource({ "DeductStock, CANCELLED", "DebitAccount, CANCELLED", "ConfirmOrder, CONFIRMED" })
    void aSagaCutOffFromItsDatabaseSettlesOnceTheDatabaseIsBack(String step, String settled) {
        String sku = newProduct(10, 1000);
        String user = newAccount(jdbc, 50_000);
        faults.pauseAt(step);

        String key = "saga-outage-" + UUID.randomUUID();
        CompletableFuture<Integer> placed = CompletableFuture.supplyAsync(() -> place(key, user, sku));

        await().atMost(Duration.ofSeconds(30)).until(() -> reached(step, sku, user));
        SharedDevStack.get().kill("postgresql");
        faults.resume();
        assertThat(placed.join()).as("no order is placed while its database is gone").isEqualTo(503);

        SharedDevStack.get().start("postgresql");
        boolean confirmed = settled.equals("CONFIRMED");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(jdbc.sql("select status from orders where user_id = ?").param(user).query(String.class).list())
                    .as("the order settles").containsExactly(settled);
            assertThat(stock(sku)).containsEntry("available", confirmed ? 7 : 10).containsEntry("sold", confirmed ? 3 : 0)
                    .containsEntry("reserved", 0);
            assertThat(balance(jdbc, user)).isEqualTo(confirmed ? 47_000 : 50_000);
        });
        assertThat(jdbc.sql("select count(*) from outbox o join orders r on r.id = o.aggregate_id where r.user_id = ?")
                .param(user).query(Integer.class).single()).as("one OrderPlaced for a confirmed order, none else")
                .isEqualTo(confirmed ? 1 : 0);

        // the client's retry with the same key, as the 503 asked: the confirmed order, or a cancelled one placed anew
        assertThat(place(key, user, sku)).isEqualTo(201);
        assertThat(jdbc.sql("select status from orders where user_id = ? order by created_at").param(user)
                .query(String.class).list()).containsExactly(confirmed ? new String[] { "CONFIRMED" }
                        : new String[] { "CANCELLED", "CONFIRMED" });
        assertThat(stock(sku)).containsEntry("available", 7).containsEntry("sold", 3);
        assertThat(balance(jdbc, user)).isEqualTo(47_000);
    }

    private int place(String key, String user, String sku) {
        return TestHttp.client(port).post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key)
                .body(Map.of("userId", user, "mode", "SAGA", "items", List.of(Map.of("sku", sku, "quantity", 3))))
                .exchange((request, response) -> response.getStatusCode().value());
    }

    /** Whether the order has done every step before {@code step}, so that it is held at that step. */
    private boolean reached(String step, String sku, String user) {
        boolean created = !jdbc.sql("select id from orders where user_id = ?").param(user).query().listOfRows().isEmpty();
        return switch (step) {
            case "DeductStock" -> created;
            case "DebitAccount" -> created && stock(sku).get("available").equals(7);
            case "ConfirmOrder" -> created && balance(jdbc, user) == 47_000;
            default -> throw new IllegalArgumentException(step);
        };
    }
}
