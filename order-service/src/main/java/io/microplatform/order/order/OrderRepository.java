package io.microplatform.order.order;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Orders in the {@code orders} database. Writes take the {@link JdbcClient} of the caller's transaction mode,
 * so they belong to its branch; reads use the plain client.
 */
@Repository
class OrderRepository {

    static final String PENDING = "PENDING", CONFIRMED = "CONFIRMED", CANCELLED = "CANCELLED";

    private static final String ORDER_COLUMNS =
            "select id, user_id, status, mode, total_cents, created_at, failure_reason from orders";

    /** What an earlier request with the same Idempotency-Key left behind. */
    record Earlier(UUID id, String status, String requestHash, String failureCode, String failureReason) {
    }

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(JdbcClient tx, PricedOrder order, String xid) {
        tx.sql("insert into orders (id, user_id, status, mode, total_cents, idempotency_key, request_hash, xid)"
                        + " values (:id, :userId, 'PENDING', :mode, :total, :key, :hash, :xid)")
                .param("id", order.id()).param("userId", order.userId()).param("mode", order.mode().name())
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

    void markConfirmed(JdbcClient tx, UUID id) {
        tx.sql("update orders set status = 'CONFIRMED', updated_at = now() where id = :id").param("id", id).update();
    }

    /** Only a pending order can be cancelled: a compensation never undoes a confirmation. */
    void markCancelled(JdbcClient tx, UUID id, String failureCode, String failureReason) {
        tx.sql("update orders set status = 'CANCELLED', failure_code = :code, failure_reason = :reason, updated_at = now()"
                        + " where id = :id and status <> 'CONFIRMED'")
                .param("id", id).param("code", failureCode).param("reason", truncate(failureReason)).update();
    }

    void delete(JdbcClient tx, UUID id) {
        tx.sql("delete from order_item where order_id = :id").param("id", id).update();
        tx.sql("delete from orders where id = :id").param("id", id).update();
    }

    Optional<Earlier> findByIdempotencyKey(String key) {
        return jdbc.sql("select id, status, request_hash, failure_code, failure_reason from orders where idempotency_key = :key")
                .param("key", key)
                .query((rs, n) -> new Earlier(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getString("request_hash"), rs.getString("failure_code"), rs.getString("failure_reason")))
                .optional();
    }

    Optional<Order> findById(UUID id) {
        return jdbc.sql(ORDER_COLUMNS + " where id = :id").param("id", id)
                .query((rs, n) -> order(rs)).optional()
                .map(order -> withItems(List.of(order)).get(0));
    }

    List<Order> findByUser(String userId, int page, int size) {
        List<Order> orders = jdbc.sql(ORDER_COLUMNS + " where user_id = :userId order by created_at desc, id"
                        + " limit :size offset :offset")
                .param("userId", userId).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> order(rs)).list();
        return withItems(orders);
    }

    long countByUser(String userId) {
        return jdbc.sql("select count(*) from orders where user_id = :userId").param("userId", userId)
                .query(Long.class).single();
    }

    /** One query for the items of a whole page, not one per order. */
    private List<Order> withItems(List<Order> orders) {
        if (orders.isEmpty()) {
            return orders;
        }
        Map<UUID, List<Order.OrderItem>> items = jdbc.sql(
                        "select order_id, sku, quantity, price_cents from order_item where order_id in (:ids) order by sku")
                .param("ids", orders.stream().map(Order::id).toList())
                .query((rs, n) -> Map.entry(rs.getObject("order_id", UUID.class),
                        new Order.OrderItem(rs.getString("sku"), rs.getInt("quantity"), rs.getLong("price_cents"))))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return orders.stream()
                .map(o -> new Order(o.id(), o.userId(), o.status(), o.mode(), o.totalCents(),
                        items.getOrDefault(o.id(), List.of()), o.createdAt(), o.failureReason()))
                .toList();
    }

    private static Order order(ResultSet rs) throws SQLException {
        return new Order(rs.getObject("id", UUID.class), rs.getString("user_id"), rs.getString("status"),
                rs.getString("mode"), rs.getLong("total_cents"), List.of(), rs.getTimestamp("created_at").toInstant(),
                rs.getString("failure_reason"));
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
    }
}
