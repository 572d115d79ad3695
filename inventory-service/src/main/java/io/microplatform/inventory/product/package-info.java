/**
 * The product catalog with its stock counters ({@code available}, {@code reserved}, {@code sold}). Read through
 * {@code GET /api/inventory/products[/{sku}]}; the schema and the seed catalog are Flyway migrations.
 */
package io.microplatform.inventory.product;
