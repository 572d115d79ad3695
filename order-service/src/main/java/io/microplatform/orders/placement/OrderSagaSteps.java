package io.microplatform.orders.placement;

import io.microplatform.orders.inventory.InventoryClient;
import io.microplatform.orders.payment.Payments;
import org.apache.seata.core.context.RootContext;
import io.microplatform.orders.order.Order;
import io.microplatform.orders.order.OrderStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The service tasks of {@code seata/saga/statelang/place-order.json}, by the names the state machine uses.
 * Each step commits on its own; each is idempotent (the engine may retry) and each compensation is valid
 * even when its step never ran or failed half-way. Public because the engine invokes the steps reflectively.
 */
@Component("orderSagaSteps")
public class OrderSagaSteps {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PlacementRepository orders;
    private final InventoryClient inventory;
    private final Payments payments;
    private final OrderConfirmation confirmation;
    private final StepGate gate;

    OrderSagaSteps(JdbcClient jdbc, TransactionTemplate tx, PlacementRepository orders, InventoryClient inventory,
                   Payments payments, OrderConfirmation confirmation, ObjectProvider<StepGate> gate) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.orders = orders;
        this.inventory = inventory;
        this.payments = payments;
        this.confirmation = confirmation;
        this.gate = gate.getIfAvailable(() -> StepGate.OPEN);
    }

    public boolean createOrder(Map<String, Object> order) {
        gate.pass("CreateOrder");
        PricedOrder priced = SagaOrder.priced(order);
        tx.executeWithoutResult(status -> {
            if (!orders.exists(jdbc, priced.id())) {
                orders.insert(jdbc, priced, OrderStatus.PENDING, RootContext.getXID());
            }
        });
        return true;
    }

    public boolean cancelOrder(Map<String, Object> order) {
        orders.markCancelled(jdbc, SagaOrder.id(order), null, "compensated");
        return true;
    }

    public boolean deductStock(Map<String, Object> order) {
        gate.pass("DeductStock");
        inventory.deductSaga(SagaOrder.id(order), SagaOrder.priced(order).stockLines());
        return true;
    }

    public boolean releaseStock(Map<String, Object> order) {
        inventory.releaseSaga(SagaOrder.id(order), SagaOrder.priced(order).stockLines());
        return true;
    }

    public boolean debitAccount(Map<String, Object> order) {
        gate.pass("DebitAccount");
        PricedOrder priced = SagaOrder.priced(order);
        tx.executeWithoutResult(status ->
                payments.debitOnce(jdbc, priced.id(), priced.userId(), priced.totalCents(), RootContext.getXID()));
        return true;
    }

    public boolean refundAccount(Map<String, Object> order) {
        tx.executeWithoutResult(status -> payments.refundOnce(jdbc, SagaOrder.id(order)));
        return true;
    }

    public boolean confirmOrder(Map<String, Object> order) {
        gate.pass("ConfirmOrder");
        PricedOrder priced = SagaOrder.priced(order);
        tx.executeWithoutResult(status -> confirmation.confirm(jdbc, priced, RootContext.getXID()));
        return true;
    }

    /** The order as the state machine carries it: plain maps and lists, so that the engine can persist it. */
    static final class SagaOrder {

        private SagaOrder() {
        }

        static Map<String, Object> of(PricedOrder order) {
            List<Map<String, Object>> items = order.items().stream()
                    .map(item -> Map.<String, Object>of("sku", item.sku(), "quantity", item.quantity(),
                            "priceCents", item.priceCents()))
                    .toList();
            Map<String, Object> map = new HashMap<>();
            map.put("orderId", order.id().toString());
            map.put("userId", order.userId());
            map.put("totalCents", order.totalCents());
            map.put("items", items);
            map.put("idempotencyKey", order.idempotencyKey());
            map.put("requestHash", order.requestHash());
            return map;
        }

        static UUID id(Map<String, Object> order) {
            return UUID.fromString(String.valueOf(order.get("orderId")));
        }

        @SuppressWarnings("unchecked")
        static PricedOrder priced(Map<String, Object> order) {
            List<Order.OrderItem> items = ((List<Map<String, Object>>) order.get("items")).stream()
                    .map(item -> new Order.OrderItem(String.valueOf(item.get("sku")),
                            ((Number) item.get("quantity")).intValue(), ((Number) item.get("priceCents")).longValue()))
                    .toList();
            return new PricedOrder(id(order), String.valueOf(order.get("userId")), TransactionMode.SAGA, items,
                    ((Number) order.get("totalCents")).longValue(), (String) order.get("idempotencyKey"),
                    (String) order.get("requestHash"));
        }
    }
}
