package io.microplatform.orders.placement;

import io.microplatform.starter.tracing.TraceParents;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.springframework.stereotype.Component;

/**
 * TCC: two participants, order-service's ({@link OrderTccActions}: create the order, have inventory reserve the
 * stock, freeze the money, in that order) and inventory's reservation, called from inside the first one's try;
 * the coordinator then confirms both or cancels both. Business resources are held by reservations rather than
 * by database locks, so nothing waits on another transaction's phase two.
 */
@Component
class TccPlacement implements OrderPlacement {

    private final OrderTccActions actions;
    private final TraceParents traceParents;

    TccPlacement(OrderTccActions actions, TraceParents traceParents) {
        this.actions = actions;
        this.traceParents = traceParents;
    }

    @Override
    public TransactionMode mode() {
        return TransactionMode.TCC;
    }

    @Override
    @GlobalTransactional(name = "place-order-tcc", timeoutMills = 30_000)
    public void place(PricedOrder order) {
        actions.placeOrder(null, order.id().toString(), order, traceParents.currentOrEmpty());
    }
}
