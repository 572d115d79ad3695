package io.microplatform.orders.placement;

import io.microplatform.orders.order.Order;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Published on {@code orders.events} (key: the order id) once an order's global transaction committed. */
public record OrderPlaced(UUID eventId, UUID orderId, String userId, String mode, long totalCents,
                          List<Order.OrderItem> items, Instant occurredAt) {

    public static final String TYPE = "OrderPlaced";
}
