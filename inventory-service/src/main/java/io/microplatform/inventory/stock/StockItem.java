package io.microplatform.inventory.stock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

public record StockItem(@NotBlank @Size(max = 64) String sku, @Positive @Max(1000) int quantity) {
}
