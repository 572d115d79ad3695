/**
 * The client of inventory-service: prices for pricing orders, and stock operations in every transaction
 * mode. A load-balanced {@code RestClient} built from Boot's builder, so platform-starter's interceptor
 * copies the current global transaction's XID into every call. A problem answered by inventory (409
 * insufficient stock...) is raised again with its status, type and detail; anything else (5xx, timeout,
 * connection refused) becomes 503, which rolls the global transaction back.
 */
package io.microplatform.orders.inventory;
