package io.microplatform.orders.placement;

import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.ServiceProcess;
import io.microplatform.test.ServiceProcesses;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithServices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;

import static io.microplatform.orders.placement.OrderFixtures.newAccount;
import static io.microplatform.orders.placement.OrderFixtures.newProduct;
import static io.microplatform.orders.placement.OrderFixtures.stock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inventory instance that is down but still listed by discovery (a crash the registry has not noticed yet):
 * discovery lists a port nobody listens on beside the live instance, and round-robin sends every other call
 * there. Each call refused that way goes to the next instance, so no order fails; with the retry off, every
 * second order would answer 503.
 */
@ServiceIntegrationTest
@WithServices("inventory-service")
class InventoryFailoverIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void aDeadInstance(DynamicPropertyRegistry registry) {
        // a list binds from one property source only: both entries here
        int closed = ServiceProcess.freePort();
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri",
                () -> ServiceProcesses.uriOf("inventory-service").toString());
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[1].uri",
                () -> "http://localhost:" + closed);
    }

    @Test
    void ordersGoThroughWhileOneListedInstanceRefusesConnections() {
        String sku = newProduct(100, 500);
        String user = newAccount(jdbc, 100_000);

        for (String mode : List.of("AT", "TCC", "XA", "SAGA", "AT", "TCC", "XA", "SAGA")) {
            int status = TestHttp.client(port).post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("userId", user, "mode", mode, "items", List.of(Map.of("sku", sku, "quantity", 1))))
                    .exchange((request, response) -> response.getStatusCode().value());
            assertThat(status).as(mode + " order").isEqualTo(201);
        }
        assertThat(jdbc.sql("select count(*) from orders where user_id = ? and status = 'CONFIRMED'").param(user)
                .query(Integer.class).single()).isEqualTo(8);
        assertThat(stock(sku)).containsEntry("available", 92);
    }
}
