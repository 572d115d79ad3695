package io.microplatform.orders.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

@Component
public class Outbox {

    private final JsonMapper json;

    Outbox(JsonMapper json) {
        this.json = json;
    }

    /** Writes the event in the transaction that {@code jdbc} is part of. */
    public void append(JdbcClient jdbc, UUID eventId, UUID aggregateId, String type, Object event, String xid) {
        jdbc.sql("insert into outbox (event_id, aggregate_id, type, payload, xid) values (:eventId, :aggregateId, :type, :payload, :xid)")
                .param("eventId", eventId).param("aggregateId", aggregateId).param("type", type)
                .param("payload", json.writeValueAsString(event)).param("xid", xid).update();
    }
}
