/**
 * order-service: orders (and, with the transaction work, payments) in the PostgreSQL database {@code orders}.
 * It starts the global transactions that span inventory-service. Features: {@link io.microplatform.order.order}.
 */
package io.microplatform.order;
