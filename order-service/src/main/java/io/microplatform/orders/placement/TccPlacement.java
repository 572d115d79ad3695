package io.microplatform.orders.placement;

import io.microplatform.orders.inventory.InventoryClient;
import io.microplatform.starter.tracing.TraceParents;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.springframework.stereotype.Component;

/**
 * TCC: three tries in the step order (create the order, reserve the stock, freeze the money); the
 * coordinator then confirms all of them or cancels all of them. Business resources are held by reservations
 * rather than by database locks, so nothing waits on another transaction's phase two.
 */
@Component
class TccPlacement implements OrderPlacement {

    private final OrderTccActions actions;
    private final InventoryClient inventory;
    private final TraceParents traceParents;

    TccPlacement(OrderTccActions actions, InventoryClient inventory, TraceParents traceParents) {
        this.actions = actions;
        this.inventory = inventory;
        this.traceParents = traceParents;
    }

    @Override
    public TransactionMode mode() {
        return TransactionMode.TCC;
    }

    @Override
    @GlobalTransactional(name = "place-order-tcc", timeoutMills = 30_000)
    public void place(PricedOrder order) {
        String orderId = order.id().toString();
        actions.createOrder(null, orderId, order, traceParents.current());
        XidCheck.sameTransaction(RootContext.getXID(), inventory.reserveTcc(order.id(), order.stockLines()));
        actions.freezePayment(null, orderId, order);
    }
}
