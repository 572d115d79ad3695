package io.microplatform.orders.placement;

import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

/**
 * A failure injected at each step of the Saga: the steps before it are compensated in reverse order (as the
 * engine's own record of executed states shows), stock and balance end unchanged, and the order ends
 * CANCELLED with the failure as its reason.
 */
@ServiceIntegrationTest
@WithServices("inventory-service")
class SagaCompensationIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StepFaults faults;

    @AfterEach
    void disarm() {
        faults.clear();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CreateOrder  | CreateOrder",
            "DeductStock  | CreateOrder,DeductStock,CancelOrder",
            "DebitAccount | CreateOrder,DeductStock,DebitAccount,ReleaseStock,CancelOrder",
            "ConfirmOrder | CreateOrder,DeductStock,DebitAccount,ConfirmOrder,RefundAccount,ReleaseStock,CancelOrder" })
    void aFailureAtEachStepCompensatesTheStepsBeforeItInReverseOrder(String failingStep, String executedStates) {
        String sku = newProduct(10, 1000);
        String user = newAccount(jdbc, 50_000);
        faults.failAt(failingStep);

        ResponseEntity<Map<String, Object>> response = TestHttp.client(port).post().uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("userId", user, "mode", "SAGA", "items", List.of(Map.of("sku", sku, "quantity", 3))))
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getBody().get("detail").toString()).contains("fault injected at " + failingStep);
        UUID orderId = UUID.fromString(response.getBody().get("orderId").toString());

        List<String> states = jdbc.sql("""
                        select s.name from seata_state_inst s join seata_state_machine_inst m on m.id = s.machine_inst_id
                        where m.business_key = ? order by s.gmt_started, s.gmt_end""")
                .param(orderId.toString()).query(String.class).list();
        assertThat(states).containsExactly(executedStates.split(","));

        assertThat(stock(sku)).containsEntry("available", 10).containsEntry("sold", 0).containsEntry("reserved", 0);
        assertThat(balance(jdbc, user)).isEqualTo(50_000);
        if (!failingStep.equals("CreateOrder")) {
            Map<String, Object> order = jdbc.sql("select status, failure_reason from orders where id = ?").param(orderId)
                    .query().singleRow();
            assertThat(order).containsEntry("status", "CANCELLED");
            assertThat(order.get("failure_reason").toString()).contains("fault injected at " + failingStep);
        }
        assertThat(jdbc.sql("select count(*) from outbox where aggregate_id = ?").param(orderId)
                .query(Integer.class).single()).isZero();
    }
}
