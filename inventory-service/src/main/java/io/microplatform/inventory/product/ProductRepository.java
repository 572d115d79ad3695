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

    List<Product> findAll() {
        return jdbc.sql(COLUMNS + " order by sku").query(Product.class).list();
    }

    List<Product> findBySkus(List<String> skus) {
        return jdbc.sql(COLUMNS + " where sku in (:skus) order by sku").param("skus", skus).query(Product.class).list();
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
