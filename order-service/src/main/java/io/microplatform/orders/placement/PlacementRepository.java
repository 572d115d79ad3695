package io.microplatform.orders.placement;

import io.microplatform.orders.order.Order;
import io.microplatform.orders.order.OrderStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.UUID;

/**
 * The writes of placing an order. Each takes the {@link JdbcClient} of the caller's transaction mode, so that
 * it belongs to that mode's branch; the order is read back through {@code OrderRepository}.
 */
@Repository
class PlacementRepository {

    /** What an earlier request with the same Idempotency-Key left behind. */
    record Earlier(UUID id, OrderStatus status, String requestHash, String failureCode, String failureReason) {
    }

    private final JdbcClient jdbc;

    PlacementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The order with its items, in {@code status}: PENDING where later steps commit apart, see {@code OrderSteps}. */
    void insert(JdbcClient tx, PricedOrder order, OrderStatus status, String xid) {
        tx.sql("insert into orders (id, user_id, status, mode, total_cents, idempotency_key, request_hash, xid)"
                        + " values (:id, :userId, :status, :mode, :total, :key, :hash, :xid)")
                .param("id", order.id()).param("userId", order.userId()).param("status", status.name())
                .param("mode", order.mode().name())
                .param("total", order.totalCents()).param("key", order.idempotencyKey())
                .param("hash", order.requestHash()).param("xid", xid).update();
        for (Order.OrderItem item : order.items()) {
            tx.sql("insert into order_item (order_id, sku, quantity, price_cents) values (:id, :sku, :q, :price)")
                    .param("id", order.id()).param("sku", item.sku()).param("q", item.quantity())
                    .param("price", item.priceCents()).update();
        }
    }

    boolean exists(JdbcClient tx, UUID id) {
        return tx.sql("select count(*) from orders where id = :id").param("id", id).query(Integer.class).single() > 0;
    }

    /**
     * Only a pending order can be confirmed, once: a step run again (a saga driven forward by the coordinator's
     * recovery) changes nothing, and a cancelled order stays cancelled.
     *
     * @return whether the order became CONFIRMED now
     */
    boolean markConfirmed(JdbcClient tx, UUID id) {
        return tx.sql("update orders set status = :status, updated_at = now() where id = :id and status = :pending")
                .param("status", OrderStatus.CONFIRMED.name()).param("pending", OrderStatus.PENDING.name())
                .param("id", id).update() == 1;
    }

    /** Only a pending order can be cancelled: a compensation never undoes a confirmation. */
    void markCancelled(JdbcClient tx, UUID id, String failureCode, String failureReason) {
        tx.sql("update orders set status = :cancelled, failure_code = :code, failure_reason = :reason, updated_at = now()"
                        + " where id = :id and status <> :confirmed")
                .param("cancelled", OrderStatus.CANCELLED.name()).param("confirmed", OrderStatus.CONFIRMED.name())
                .param("id", id).param("code", failureCode).param("reason", truncate(failureReason)).update();
    }

    void delete(JdbcClient tx, UUID id) {
        tx.sql("delete from order_item where order_id = :id").param("id", id).update();
        tx.sql("delete from orders where id = :id").param("id", id).update();
    }

    /** A cancelled order gives its Idempotency-Key up, so that a retry with the key places the order anew. */
    void releaseIdempotencyKey(UUID id) {
        jdbc.sql("update orders set idempotency_key = null where id = :id and status = :cancelled")
                .param("id", id).param("cancelled", OrderStatus.CANCELLED.name()).update();
    }

    Optional<Earlier> findByIdempotencyKey(String key) {
        return jdbc.sql("select id, status, request_hash, failure_code, failure_reason from orders where idempotency_key = :key")
                .param("key", key)
                .query((rs, n) -> new Earlier(rs.getObject("id", UUID.class), OrderStatus.valueOf(rs.getString("status")),
                        rs.getString("request_hash"), rs.getString("failure_code"), rs.getString("failure_reason")))
                .optional();
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
    }
}
