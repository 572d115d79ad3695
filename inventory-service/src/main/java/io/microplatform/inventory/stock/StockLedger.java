package io.microplatform.inventory.stock;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

/**
 * The stock statements, each a single conditional update, run on whichever {@link JdbcClient} the mode gives
 * (AT proxy, XA proxy or plain). "Read, check, write" would oversell under concurrency; a conditional update is
 * atomic in the database, and the {@code check (available >= 0)} constraint is a second line of defence.
 */
final class StockLedger {

    private StockLedger() {
    }

    /** available -> sold, or {@link InsufficientStock}. */
    static void deduct(JdbcClient jdbc, StockItem item) {
        int updated = jdbc.sql("update product set available = available - :q, sold = sold + :q, updated_at = now()"
                        + " where sku = :sku and available >= :q")
                .param("q", item.quantity()).param("sku", item.sku()).update();
        requireUpdated(jdbc, item, updated);
    }

    /** available -> reserved, or {@link InsufficientStock}. */
    static void reserve(JdbcClient jdbc, StockItem item) {
        int updated = jdbc.sql("update product set available = available - :q, reserved = reserved + :q,"
                        + " updated_at = now() where sku = :sku and available >= :q")
                .param("q", item.quantity()).param("sku", item.sku()).update();
        requireUpdated(jdbc, item, updated);
    }

    static void confirmReserved(JdbcClient jdbc, StockItem item) {
        jdbc.sql("update product set reserved = reserved - :q, sold = sold + :q, updated_at = now() where sku = :sku")
                .param("q", item.quantity()).param("sku", item.sku()).update();
    }

    static void cancelReserved(JdbcClient jdbc, StockItem item) {
        jdbc.sql("update product set reserved = reserved - :q, available = available + :q, updated_at = now()"
                        + " where sku = :sku")
                .param("q", item.quantity()).param("sku", item.sku()).update();
    }

    static void returnSold(JdbcClient jdbc, StockItem item) {
        jdbc.sql("update product set sold = sold - :q, available = available + :q, updated_at = now() where sku = :sku")
                .param("q", item.quantity()).param("sku", item.sku()).update();
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
