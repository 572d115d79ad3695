package io.microplatform.order.order;

import io.microplatform.order.inventory.StockLine;
import io.microplatform.order.inventory.StockReceipt;
import io.microplatform.order.payment.Payments;
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

    private final OrderRepository orders;
    private final Payments payments;
    private final OrderConfirmation confirmation;

    OrderSteps(OrderRepository orders, Payments payments, OrderConfirmation confirmation) {
        this.orders = orders;
        this.payments = payments;
        this.confirmation = confirmation;
    }

    /**
     * Two local transactions around the stock call, so no database lock is held while inventory works. Each
     * sees the other's rows because each commits locally at once (AT, plain).
     */
    StockReceipt run(TransactionalJdbc data, PricedOrder order, String xid,
                     BiFunction<UUID, List<StockLine>, StockReceipt> takeStock) {
        data.tx().executeWithoutResult(status -> orders.insert(data.jdbc(), order, xid));
        StockReceipt receipt = takeStock.apply(order.id(), order.stockLines());
        data.tx().executeWithoutResult(status -> {
            payments.debit(data.jdbc(), order.id(), order.userId(), order.totalCents(), xid);
            confirmation.confirm(data.jdbc(), order, xid);
        });
        return receipt;
    }

    /**
     * One local transaction around all steps: an XA branch is only prepared, not committed, until the global
     * outcome, so a second branch could not see (and would silently not confirm) the order the first inserted.
     */
    StockReceipt runAsOneBranch(TransactionalJdbc data, PricedOrder order, String xid,
                                BiFunction<UUID, List<StockLine>, StockReceipt> takeStock) {
        return data.tx().execute(status -> {
            orders.insert(data.jdbc(), order, xid);
            StockReceipt receipt = takeStock.apply(order.id(), order.stockLines());
            payments.debit(data.jdbc(), order.id(), order.userId(), order.totalCents(), xid);
            confirmation.confirm(data.jdbc(), order, xid);
            return receipt;
        });
    }
}
