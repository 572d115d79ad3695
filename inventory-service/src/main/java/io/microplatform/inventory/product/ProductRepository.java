package io.microplatform.inventory.product;

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

    Optional<Product> findBySku(String sku) {
        return jdbc.sql(COLUMNS + " where sku = :sku").param("sku", sku).query(Product.class).optional();
    }
}
