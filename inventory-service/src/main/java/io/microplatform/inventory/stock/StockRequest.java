package io.microplatform.inventory.stock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Stock to take for one order. */
public record StockRequest(@NotNull UUID orderId, @NotEmpty @Size(max = 50) List<@Valid @NotNull StockItem> items) {

    /** Items in sku order: every transaction locks product rows in the same order, so two never deadlock. */
    List<StockItem> itemsInLockOrder() {
        return items.stream().sorted(Comparator.comparing(StockItem::sku)).toList();
    }
}
