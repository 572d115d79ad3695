package io.microplatform.order.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API returns it. */
public record Order(UUID id, String userId, String status, String mode, long totalCents, List<OrderItem> items,
                    Instant createdAt) {

    public record OrderItem(String sku, int quantity, long priceCents) {
    }
}
