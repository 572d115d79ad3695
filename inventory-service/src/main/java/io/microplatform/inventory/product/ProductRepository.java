package io.microplatform.inventory.product;

import io.microplatform.inventory.outbox.ProductChanged.Change;
import io.microplatform.inventory.outbox.ProductEvents;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

@Repository
class ProductRepository {

    private static final String COLUMNS = "select sku, name, price_cents, available, reserved, version from product";

    /** A product as read, and whether an AT transaction that can still restore its before image wrote it last. */
    record Read(Product product, boolean undoable) {
    }

    private final JdbcClient jdbc;
    private final ProductEvents events;

    ProductRepository(JdbcClient jdbc, ProductEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** One page of the catalog by sku, or of the products named in {@code skus} if not empty. */
    ProductPage findPage(List<String> skus, int page, int size) {
        boolean named = skus != null && !skus.isEmpty();
        String where = named ? " where sku in (:skus)" : "";
        JdbcClient.StatementSpec select = jdbc.sql(COLUMNS + where + " order by sku limit :size offset :offset")
                .param("size", size).param("offset", (long) page * size);
        JdbcClient.StatementSpec count = jdbc.sql("select count(*) from product" + where);
        if (named) {
            select = select.param("skus", skus);
            count = count.param("skus", skus);
        }
        return new ProductPage(select.query(Product.class).list(), page, size, count.query(Long.class).single());
    }

    Optional<Product> findBySku(String sku) {
        return jdbc.sql(COLUMNS + " where sku = :sku").param("sku", sku).query(Product.class).optional();
    }

    /**
     * The product, and whether its last writer still has undo-log entries here (one query, one snapshot: the row
     * and the undo log as of the same instant; see the outbox package on Seata AT).
     */
    Optional<Read> readForCaching(String sku) {
        return jdbc.sql("select p.sku, p.name, p.price_cents, p.available, p.reserved, p.version,"
                        + " exists (select 1 from undo_log u where u.xid = p.last_xid) as undoable"
                        + " from product p where p.sku = :sku")
                .param("sku", sku)
                .query((rs, n) -> new Read(new Product(rs.getString("sku"), rs.getString("name"),
                        rs.getLong("price_cents"), rs.getInt("available"), rs.getInt("reserved"), rs.getLong("version")),
                        rs.getBoolean("undoable")))
                .optional();
    }

    /** One statement: an existing sku is detected by the database, not by a read that could race. */
    @Transactional
    Product create(String sku, String name, long priceCents, int available) {
        int inserted = jdbc.sql("insert into product (sku, name, price_cents, available, received)"
                        + " values (:sku, :name, :price, :available, :available)"
                        + " on conflict (sku) do nothing")
                .param("sku", sku).param("name", name).param("price", priceCents).param("available", available)
                .update();
        if (inserted == 0) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("product-exists"),
                    "product " + sku + " already exists");
        }
        events.changed(jdbc, sku, Change.CREATED, null);
        return findBySku(sku).orElseThrow();
    }

    /** {@code received} counts the restock with it, so that the stock's books stay auditable. */
    @Transactional
    Optional<Product> restock(String sku, int quantity) {
        int updated = jdbc.sql("update product set available = available + :q, received = received + :q,"
                        + " updated_at = now(), version = version + 1, last_xid = null where sku = :sku")
                .param("q", quantity).param("sku", sku).update();
        if (updated == 0) {
            return Optional.empty();
        }
        events.changed(jdbc, sku, Change.RESTOCKED, null);
        return findBySku(sku);
    }

    /** A new name and/or price; a field left null keeps its value. */
    @Transactional
    Optional<Product> changeDetails(String sku, String name, Long priceCents) {
        int updated = jdbc.sql("update product set name = coalesce(:name, name),"
                        + " price_cents = coalesce(:price, price_cents), updated_at = now(), version = version + 1,"
                        + " last_xid = null where sku = :sku")
                .param("name", name).param("price", priceCents).param("sku", sku).update();
        if (updated == 0) {
            return Optional.empty();
        }
        events.changed(jdbc, sku, Change.DETAILS_CHANGED, null);
        return findBySku(sku);
    }
}
