package io.microplatform.orders.placement;

import io.microplatform.orders.inventory.InventoryClient;
import io.microplatform.starter.UnsafeBaseline;
import io.microplatform.starter.seata.TransactionalJdbc;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The benchmark's baseline: the same steps with no global transaction. A failure after the stock call leaves
 * the stock taken and the order PENDING: it is inconsistent on failure by design, which is why it exists only
 * when {@code microplatform.unsafe-baseline.enabled} ({@link UnsafeBaseline}) is set (and inventory's matching endpoint likewise).
 */
@Component
@ConditionalOnBooleanProperty(UnsafeBaseline.ENABLED)
class UnsafeBaselinePlacement implements OrderPlacement {

    private final TransactionalJdbc plain;
    private final OrderSteps steps;
    private final InventoryClient inventory;

    UnsafeBaselinePlacement(JdbcClient jdbc, TransactionTemplate tx, OrderSteps steps, InventoryClient inventory) {
        this.plain = new TransactionalJdbc(jdbc, tx);
        this.steps = steps;
        this.inventory = inventory;
    }

    @Override
    public TransactionMode mode() {
        return TransactionMode.NONE;
    }

    @Override
    public void place(PricedOrder order) {
        steps.run(plain, order, null, inventory::deductWithoutGlobalTransaction);
    }
}
