package io.microplatform.inventory.outbox;

import java.util.UUID;

/**
 * A product changed: its new {@code version}, and what happened. Consumers delete what they derived from the
 * product (a cache entry) and read it again; the event carries no values, so a late or repeated event can never
 * put an old value back.
 */
public record ProductChanged(UUID eventId, String sku, long version, Change change) {

    public enum Change {
        CREATED, RESTOCKED, STOCK_TAKEN, STOCK_RESERVED, RESERVATION_CONFIRMED, STOCK_RELEASED, DETAILS_CHANGED
    }
}
