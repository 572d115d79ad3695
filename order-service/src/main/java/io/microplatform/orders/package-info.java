/**
 * order-service: orders and payments in the PostgreSQL database {@code orders}; it starts the global
 * transactions that span inventory-service. Features, each a package whose public types are its surface:
 * <ul>
 * <li>{@link io.microplatform.orders.order}: the order as the API shows it, and its reads;</li>
 * <li>{@link io.microplatform.orders.placement}: placing an order, one class per transaction mode;</li>
 * <li>{@link io.microplatform.orders.payment}: the accounts ledger and each order's payment;</li>
 * <li>{@link io.microplatform.orders.inventory}: the client of inventory-service;</li>
 * <li>{@link io.microplatform.orders.outbox}: order events to Kafka through a transactional outbox.</li>
 * </ul>
 * {@code OrderBoundariesTest} checks that they reach each other only through those surfaces.
 */
package io.microplatform.orders;
