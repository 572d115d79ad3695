package io.microplatform.orders.placement;

import io.microplatform.orders.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/** The last step of every mode: the order becomes CONFIRMED and its {@link OrderPlaced} enters the outbox, together. */
@Component
class OrderConfirmation {

    private static final Logger log = LoggerFactory.getLogger(OrderConfirmation.class);

    private final PlacementRepository orders;
    private final Outbox outbox;

    OrderConfirmation(PlacementRepository orders, Outbox outbox) {
        this.orders = orders;
        this.outbox = outbox;
    }

    /** Idempotent: an order confirmed already (or cancelled) gets no second event. */
    void confirm(JdbcClient tx, PricedOrder order, String xid) {
        if (orders.markConfirmed(tx, order.id())) {
            confirmed(tx, order, xid);
        }
    }

    /** For an order this transaction inserted as CONFIRMED (it has no PENDING state to leave): its event. */
    void confirmed(JdbcClient tx, PricedOrder order, String xid) {
        UUID eventId = UUID.randomUUID();
        outbox.append(tx, eventId, order.id(), OrderPlaced.TYPE, new OrderPlaced(eventId, order.id(), order.userId(),
                order.mode().name(), order.totalCents(), order.items(), Instant.now()), xid);
        log.info("order {} confirmed ({}, {} cents)", order.id(), order.mode(), order.totalCents());
    }
}
