/**
 * Orders as the API shows them: {@code GET /api/orders/{id}} and {@code GET /api/orders} (a user's orders,
 * newest first), with {@link io.microplatform.orders.order.OrderStatus} the states an order goes through.
 * Reads only, on the plain data source; {@code POST /api/orders} and every write belong to
 * {@link io.microplatform.orders.placement}, which depends on this package and never the other way round.
 */
package io.microplatform.orders.order;
