package io.microplatform.orders.order;

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
 * Orders as they are read back from the {@code orders} database, on the plain client: a read never joins a
 * global transaction. Placement writes the same tables on its mode's client (its {@code PlacementRepository}).
 */
@Repository
public class OrderRepository {

    private static final String ORDER_COLUMNS =
            "select id, user_id, status, mode, total_cents, created_at, failure_reason from orders";

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Order> findById(UUID id) {
        return jdbc.sql(ORDER_COLUMNS + " where id = :id").param("id", id)
                .query((rs, n) -> order(rs)).optional()
                .map(order -> withItems(List.of(order)).get(0));
    }

    public List<Order> findByUser(String userId, int page, int size) {
        List<Order> orders = jdbc.sql(ORDER_COLUMNS + " where user_id = :userId order by created_at desc, id"
                        + " limit :size offset :offset")
                .param("userId", userId).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> order(rs)).list();
        return withItems(orders);
    }

    public long countByUser(String userId) {
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
        return new Order(rs.getObject("id", UUID.class), rs.getString("user_id"),
                OrderStatus.valueOf(rs.getString("status")), rs.getString("mode"), rs.getLong("total_cents"),
                List.of(), rs.getTimestamp("created_at").toInstant(), rs.getString("failure_reason"));
    }
}
