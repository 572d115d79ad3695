package io.microplatform.orders.inventory;

/** The part of inventory's product that pricing needs. */
public record ProductPrice(String sku, String name, long priceCents) {
}
