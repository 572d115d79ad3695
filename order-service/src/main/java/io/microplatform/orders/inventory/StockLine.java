package io.microplatform.orders.inventory;

/** One line of stock to take: a product and a quantity. */
public record StockLine(String sku, int quantity) {
}
