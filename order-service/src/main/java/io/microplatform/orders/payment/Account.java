package io.microplatform.orders.payment;

/** A user's account; amounts in minor units (cents). */
public record Account(String userId, long balanceCents) {
}
