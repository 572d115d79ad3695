/**
 * Orders and their items: {@code GET /api/orders/{id}} and {@code GET /api/orders?userId=&page=&size=}.
 * Amounts are integers in minor units (cents).
 */
package io.microplatform.order.order;
