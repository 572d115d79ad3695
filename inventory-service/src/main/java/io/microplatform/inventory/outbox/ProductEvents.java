package io.microplatform.inventory.outbox;

import io.microplatform.starter.tracing.TraceParents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

/**
 * Appends {@link ProductChanged} to the outbox, in the caller's transaction, after the change was written, with the
 * current trace context.
 */
@Component
public class ProductEvents {

    private final JsonMapper json;
    private final TraceParents traceParents;

    ProductEvents(JsonMapper json, TraceParents traceParents) {
        this.json = json;
        this.traceParents = traceParents;
    }

    /**
     * @param jdbc    the client of the transaction that changed the product (AT proxy, XA proxy or plain)
     * @param undoXid the global transaction that may still undo the change through Seata's undo log (AT), or
     *                null: the relay holds the event back while that transaction has undo-log entries here
     */
    public void changed(JdbcClient jdbc, String sku, ProductChanged.Change change, String undoXid) {
        long version = jdbc.sql("select version from product where sku = :sku").param("sku", sku)
                .query(Long.class).single();
        ProductChanged event = new ProductChanged(UUID.randomUUID(), sku, version, change);
        jdbc.sql("""
                        insert into outbox (event_id, aggregate_id, type, payload, xid, traceparent)
                        values (:eventId, :sku, :type, :payload, :xid, :traceparent)""")
                .param("eventId", event.eventId()).param("sku", sku).param("type", "ProductChanged")
                .param("payload", json.writeValueAsString(event)).param("xid", undoXid)
                .param("traceparent", traceParents.current()).update();
    }
}
