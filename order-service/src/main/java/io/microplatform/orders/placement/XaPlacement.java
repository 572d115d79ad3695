package io.microplatform.orders.placement;

import io.microplatform.orders.inventory.InventoryClient;
import io.microplatform.starter.seata.SeataJdbc;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.springframework.stereotype.Component;

/**
 * XA: the same steps in one local transaction per service, ended by the XA proxy with a PostgreSQL
 * {@code PREPARE TRANSACTION} instead of a commit; the coordinator then commits or rolls back every prepared
 * branch. Nothing is visible to others before the global outcome, at the price of row locks held until
 * phase two.
 */
@Component
class XaPlacement implements OrderPlacement {

    private final SeataJdbc seata;
    private final OrderSteps steps;
    private final InventoryClient inventory;

    XaPlacement(SeataJdbc seata, OrderSteps steps, InventoryClient inventory) {
        this.seata = seata;
        this.steps = steps;
        this.inventory = inventory;
    }

    @Override
    public TransactionMode mode() {
        return TransactionMode.XA;
    }

    @Override
    @GlobalTransactional(name = "place-order-xa", timeoutMills = 30_000)
    public void place(PricedOrder order) {
        String xid = RootContext.getXID();
        XidCheck.sameTransaction(xid, steps.run(seata.xa(), order, xid, inventory::deductXa));
    }
}
