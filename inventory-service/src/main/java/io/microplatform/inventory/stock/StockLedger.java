package io.microplatform.inventory.stock;

import io.microplatform.inventory.outbox.ProductChanged.Change;
import io.microplatform.inventory.outbox.ProductEvents;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

/**
 * The stock statements, each a single conditional update, run on whichever {@link JdbcClient} the mode gives
 * (AT proxy, XA proxy or plain). "Read, check, write" would oversell under concurrency; a conditional update is
 * atomic in the database, and the {@code check (available >= 0)} constraint is a second line of defence.
 * Each change raises the product's version, stamps it with the AT transaction that may undo it
 * ({@code undoXid}, null outside AT) and appends a {@code ProductChanged} to the outbox in the same transaction.
 */
final class StockLedger {

    /** Raises the version and records which AT transaction may still undo this write (:xid, or null). */
    private static final String CHANGED = "version = version + 1, last_xid = :xid";

    private StockLedger() {
    }

    /** available -> sold, or {@link InsufficientStock}. */
    static void deduct(JdbcClient jdbc, ProductEvents events, String undoXid, StockItem item) {
        int updated = jdbc.sql("update product set available = available - :q, sold = sold + :q, updated_at = now(),"
                        + CHANGED + " where sku = :sku and available >= :q")
                .param("q", item.quantity()).param("sku", item.sku()).param("xid", undoXid).update();
        requireUpdated(jdbc, item, updated);
        events.changed(jdbc, item.sku(), Change.STOCK_TAKEN, undoXid);
    }

    /** available -> reserved, or {@link InsufficientStock}. */
    static void reserve(JdbcClient jdbc, ProductEvents events, StockItem item) {
        int updated = jdbc.sql("update product set available = available - :q, reserved = reserved + :q,"
                        + " updated_at = now(), " + CHANGED + " where sku = :sku and available >= :q")
                .param("q", item.quantity()).param("sku", item.sku()).param("xid", null).update();
        requireUpdated(jdbc, item, updated);
        events.changed(jdbc, item.sku(), Change.STOCK_RESERVED, null);
    }

    static void confirmReserved(JdbcClient jdbc, ProductEvents events, StockItem item) {
        jdbc.sql("update product set reserved = reserved - :q, sold = sold + :q, updated_at = now(), " + CHANGED
                        + " where sku = :sku")
                .param("q", item.quantity()).param("sku", item.sku()).param("xid", null).update();
        events.changed(jdbc, item.sku(), Change.RESERVATION_CONFIRMED, null);
    }

    static void cancelReserved(JdbcClient jdbc, ProductEvents events, StockItem item) {
        jdbc.sql("update product set reserved = reserved - :q, available = available + :q, updated_at = now(), "
                        + CHANGED + " where sku = :sku")
                .param("q", item.quantity()).param("sku", item.sku()).param("xid", null).update();
        events.changed(jdbc, item.sku(), Change.STOCK_RELEASED, null);
    }

    static void returnSold(JdbcClient jdbc, ProductEvents events, StockItem item) {
        jdbc.sql("update product set sold = sold - :q, available = available + :q, updated_at = now(), " + CHANGED
                        + " where sku = :sku")
                .param("q", item.quantity()).param("sku", item.sku()).param("xid", null).update();
        events.changed(jdbc, item.sku(), Change.STOCK_RELEASED, null);
    }

    static void record(JdbcClient jdbc, UUID orderId, String xid, StockMovement kind, StockItem item) {
        jdbc.sql("insert into stock_movement (order_id, xid, kind, sku, quantity) values (:orderId, :xid, :kind, :sku, :q)")
                .param("orderId", orderId).param("xid", xid).param("kind", kind.name())
                .param("sku", item.sku()).param("q", item.quantity()).update();
    }

    static List<StockItem> movements(JdbcClient jdbc, UUID orderId, StockMovement kind) {
        return jdbc.sql("select sku, quantity from stock_movement where order_id = :orderId and kind = :kind order by sku")
                .param("orderId", orderId).param("kind", kind.name())
                .query((rs, n) -> new StockItem(rs.getString("sku"), rs.getInt("quantity"))).list();
    }

    private static void requireUpdated(JdbcClient jdbc, StockItem item, int updated) {
        if (updated == 0) {
            Integer available = jdbc.sql("select available from product where sku = :sku").param("sku", item.sku())
                    .query(Integer.class).optional().orElse(null);
            throw new InsufficientStock(item.sku(), item.quantity(), available);
        }
    }
}
