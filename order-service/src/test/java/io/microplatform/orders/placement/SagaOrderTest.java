package io.microplatform.orders.placement;

import io.microplatform.orders.order.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The order as the Saga engine carries and persists it: plain maps, back to the same order. */
class SagaOrderTest {

    private final PricedOrder order = new PricedOrder(UUID.randomUUID(), "alice", TransactionMode.SAGA,
            List.of(new Order.OrderItem("KB-001", 2, 8900), new Order.OrderItem("MS-002", 1, 2900)), 20700,
            "key-1", "hash-1");

    @Test
    void anOrderSurvivesTheTripThroughTheStateMachine() {
        Map<String, Object> carried = OrderSagaSteps.SagaOrder.of(order);

        assertThat(OrderSagaSteps.SagaOrder.priced(carried)).isEqualTo(order);
        assertThat(OrderSagaSteps.SagaOrder.id(carried)).isEqualTo(order.id());
    }

    @Test
    void andThroughJsonWhereNumbersComeBackAsOtherTypes() {
        JsonMapper json = JsonMapper.builder().build();
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = json.readValue(json.writeValueAsString(OrderSagaSteps.SagaOrder.of(order)), Map.class);

        assertThat(OrderSagaSteps.SagaOrder.priced(stored)).isEqualTo(order);
    }

    @Test
    void anOrderWithoutIdempotencyKeyToo() {
        PricedOrder withoutKey = new PricedOrder(order.id(), "alice", TransactionMode.SAGA, order.items(), 20700,
                null, "hash-1");

        assertThat(OrderSagaSteps.SagaOrder.priced(OrderSagaSteps.SagaOrder.of(withoutKey))).isEqualTo(withoutKey);
    }
}
