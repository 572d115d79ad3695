package io.microplatform.orders.placement;

import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.ServiceProcess;
import io.microplatform.test.ServiceProcesses;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithServices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.microplatform.orders.placement.OrderFixtures.newAccount;
import static io.microplatform.orders.placement.OrderFixtures.newProduct;
import static io.microplatform.orders.placement.OrderFixtures.stock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inventory instance that is down but still listed by discovery (a crash the registry has not noticed yet):
 * an order-service process whose discovery lists a port nobody listens on beside the live inventory instance,
 * so that round-robin sends every other call there. Each call refused that way goes to the next instance, so no
 * order fails; with the retry off, every second order answers 503. (A process of its own, because a second
 * Spring context in this JVM would not get Seata's proxies: Seata's scanner remembers bean names statically.)
 */
@ServiceIntegrationTest
@WithServices("inventory-service")
class InventoryFailoverIT {

    @Autowired
    JdbcClient jdbc;

    @Test
    void ordersGoThroughWhileOneListedInstanceRefusesConnections() {
        String sku = newProduct(100, 500);
        String user = newAccount(jdbc, 100_000);
        int closed = ServiceProcess.freePort();
        ServiceProcess orders = ServiceProcess.start("order-service", "order-service-failover", ServiceProcess.freePort(),
                ServiceProcess.discovering(Map.of("inventory-service",
                        List.of(ServiceProcesses.uriOf("inventory-service"), URI.create("http://localhost:" + closed)))));
        try {
            for (String mode : List.of("AT", "TCC", "XA", "SAGA", "AT", "TCC", "XA", "SAGA")) {
                String answer = TestHttp.client(orders.port()).post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("userId", user, "mode", mode, "items", List.of(Map.of("sku", sku, "quantity", 1))))
                        .exchange((request, response) -> response.getStatusCode().value() + " "
                                + new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
                assertThat(answer).as(mode + " order").startsWith("201 ");
            }
        }
        finally {
            orders.signal("TERM");
        }
        assertThat(jdbc.sql("select count(*) from orders where user_id = ? and status = 'CONFIRMED'").param(user)
                .query(Integer.class).single()).isEqualTo(8);
        assertThat(stock(sku)).containsEntry("available", 92);
    }
}
