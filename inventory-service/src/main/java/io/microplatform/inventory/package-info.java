/**
 * inventory-service: products and their stock, in the PostgreSQL database {@code inventory}. It takes part in
 * every Seata transaction mode that order-service starts. Features: {@link io.microplatform.inventory.product}.
 */
package io.microplatform.inventory;
