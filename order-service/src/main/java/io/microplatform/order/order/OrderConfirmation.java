package io.microplatform.order.order;

import io.microplatform.order.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/** The last step of every mode: the order becomes CONFIRMED and its {@link OrderPlaced} enters the outbox, together. */
@Component
class OrderConfirmation {

    private final OrderRepository orders;
    private final Outbox outbox;

    OrderConfirmation(OrderRepository orders, Outbox outbox) {
        this.orders = orders;
        this.outbox = outbox;
    }

    void confirm(JdbcClient tx, PricedOrder order, String xid) {
        orders.markConfirmed(tx, order.id());
        UUID eventId = UUID.randomUUID();
        outbox.append(tx, eventId, order.id(), OrderPlaced.TYPE, new OrderPlaced(eventId, order.id(), order.userId(),
                order.mode().name(), order.totalCents(), order.items(), Instant.now()), xid);
    }
}
