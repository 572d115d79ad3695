package io.microplatform.orders.order;

/**
 * Where an order stands. Stored by name in {@code orders.status}; an order only moves forward from
 * {@code PENDING}, and a {@code CONFIRMED} order is never cancelled.
 */
public enum OrderStatus {
    /** Its global transaction has not ended yet. */
    PENDING,
    /** Its global transaction committed; its {@code OrderPlaced} event is in the outbox. */
    CONFIRMED,
    /** A compensated Saga: {@code failureReason} says why. */
    CANCELLED
}
