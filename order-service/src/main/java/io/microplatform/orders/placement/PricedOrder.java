package io.microplatform.orders.placement;

import io.microplatform.orders.order.Order;
import io.microplatform.orders.inventory.StockLine;

import java.util.List;
import java.util.UUID;

/** A validated order with its prices, ready for a placement. {@code requestHash} identifies the request body. */
public record PricedOrder(UUID id, String userId, TransactionMode mode, List<Order.OrderItem> items, long totalCents,
                   String idempotencyKey, String requestHash) {

    /** A stored order, for the steps that run later from its id alone (TCC confirm). */
    static PricedOrder of(Order order) {
        return new PricedOrder(order.id(), order.userId(), TransactionMode.valueOf(order.mode()), order.items(),
                order.totalCents(), null, null);
    }

    List<StockLine> stockLines() {
        return items.stream().map(item -> new StockLine(item.sku(), item.quantity())).toList();
    }
}
