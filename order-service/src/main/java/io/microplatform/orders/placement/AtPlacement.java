package io.microplatform.orders.placement;

import io.microplatform.orders.inventory.InventoryClient;
import io.microplatform.starter.seata.SeataJdbc;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.springframework.stereotype.Component;

/**
 * AT: each local transaction commits at once through the AT proxy, which records before/after images in
 * {@code undo_log}; a failure anywhere makes the coordinator undo every branch from those images. Global row
 * locks held by the coordinator keep two global transactions from overwriting each other's stock; a branch
 * that meets one retries for up to {@code lockRetryTimes x lockRetryInterval} ms.
 */
@Component
class AtPlacement implements OrderPlacement {

    private final SeataJdbc seata;
    private final OrderSteps steps;
    private final InventoryClient inventory;

    AtPlacement(SeataJdbc seata, OrderSteps steps, InventoryClient inventory) {
        this.seata = seata;
        this.steps = steps;
        this.inventory = inventory;
    }

    @Override
    public TransactionMode mode() {
        return TransactionMode.AT;
    }

    @Override
    @GlobalTransactional(name = "place-order-at", timeoutMills = 30_000, lockRetryInterval = 10, lockRetryTimes = 500)
    public void place(PricedOrder order) {
        String xid = RootContext.getXID();
        XidCheck.sameTransaction(xid, steps.run(seata.at(), order, xid, inventory::deductAt));
    }
}
