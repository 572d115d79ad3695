package io.microplatform.orders.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the API returns it. {@code failureReason} says why a {@code CANCELLED} order (a compensated
 * Saga) did not go through; it is null otherwise.
 */
public record Order(UUID id, String userId, OrderStatus status, String mode, long totalCents, List<OrderItem> items,
                    Instant createdAt, String failureReason) {

    public record OrderItem(String sku, int quantity, long priceCents) {
    }
}
