package io.microplatform.inventory.product;

/**
 * A product and its stock. {@code available} can be sold, {@code reserved} is held by TCC tries that are not
 * confirmed yet; prices are integers in minor units (cents). {@code version} grows with every change.
 */
public record Product(String sku, String name, long priceCents, int available, int reserved, long version) {
}
