package io.microplatform.inventory.product;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

@Repository
class ProductRepository {

    private static final String COLUMNS = "select sku, name, price_cents, available, reserved from product";

    private final JdbcClient jdbc;

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** One statement: an existing sku is detected by the database, not by a read that could race. */
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
        return findBySku(sku).orElseThrow();
    }

    /** {@code received} counts the restock with it, so that the stock's books stay auditable. */
    Optional<Product> restock(String sku, int quantity) {
        int updated = jdbc.sql("update product set available = available + :q, received = received + :q, updated_at = now()"
                        + " where sku = :sku")
                .param("q", quantity).param("sku", sku).update();
        return updated == 0 ? Optional.empty() : findBySku(sku);
    }
}
