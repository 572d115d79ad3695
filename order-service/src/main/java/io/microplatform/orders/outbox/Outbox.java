package io.microplatform.orders.outbox;

import io.microplatform.starter.tracing.TraceParents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

@Component
public class Outbox {

    private final JsonMapper json;
    private final TraceParents traceParents;

    Outbox(JsonMapper json, TraceParents traceParents) {
        this.json = json;
        this.traceParents = traceParents;
    }

    /** Writes the event, with the current trace context, in the transaction that {@code jdbc} is part of. */
    public void append(JdbcClient jdbc, UUID eventId, UUID aggregateId, String type, Object event, String xid) {
        jdbc.sql("""
                        insert into outbox (event_id, aggregate_id, type, payload, xid, traceparent)
                        values (:eventId, :aggregateId, :type, :payload, :xid, :traceparent)""")
                .param("eventId", eventId).param("aggregateId", aggregateId).param("type", type)
                .param("payload", json.writeValueAsString(event)).param("xid", xid)
                .param("traceparent", traceParents.current()).update();
    }
}
