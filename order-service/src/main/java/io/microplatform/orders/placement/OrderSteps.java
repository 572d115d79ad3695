package io.microplatform.orders.placement;

import io.microplatform.orders.inventory.StockLine;
import io.microplatform.orders.inventory.StockReceipt;
import io.microplatform.orders.order.OrderStatus;
import io.microplatform.orders.payment.Payments;
import org.springframework.beans.factory.ObjectProvider;
import io.microplatform.starter.seata.TransactionalJdbc;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The four steps of an order on the data source a mode gives: AT and XA proxies (under a global
 * transaction) and the plain one (the unsafe baseline).
 */
@Component
class OrderSteps {

    private final PlacementRepository orders;
    private final Payments payments;
    private final OrderConfirmation confirmation;
    private final StepGate gate;

    OrderSteps(PlacementRepository orders, Payments payments, OrderConfirmation confirmation,
               ObjectProvider<StepGate> gate) {
        this.orders = orders;
        this.payments = payments;
        this.confirmation = confirmation;
        this.gate = gate.getIfAvailable(() -> StepGate.OPEN);
    }

    /**
     * One local transaction around all steps, so each service is one branch of the global transaction. For XA
     * it is required: a branch is only prepared, not committed, until the global outcome, so a second branch
     * could not see (and would silently not confirm) the order the first inserted. For AT it halves the
     * coordinator round trips (branch registration with its global-lock check) on order-service's side.
     * Since nothing of it is visible before it commits, the order is inserted CONFIRMED rather than inserted
     * PENDING and updated at the end: one write fewer, and under AT each write costs two SQL parses, a before
     * image, an after image, an undo-log entry and a lock key. A failing step rolls the insert back with the rest.
     */
    StockReceipt run(TransactionalJdbc data, PricedOrder order, String xid,
                     BiFunction<UUID, List<StockLine>, StockReceipt> takeStock) {
        return data.tx().execute(status -> {
            orders.insert(data.jdbc(), order, OrderStatus.CONFIRMED, xid);
            StockReceipt receipt = takeStock.apply(order.id(), order.stockLines());
            gate.pass("StockTaken");
            payments.debit(data.jdbc(), order.id(), order.userId(), order.totalCents(), xid);
            confirmation.confirmed(data.jdbc(), order, xid);
            return receipt;
        });
    }
}
