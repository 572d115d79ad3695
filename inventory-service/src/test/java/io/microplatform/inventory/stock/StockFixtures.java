package io.microplatform.inventory.stock;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;
import java.util.UUID;

/** Fresh products per test, so tests sharing the JVM's database never see each other's stock. */
final class StockFixtures {

    private StockFixtures() {
    }

    static String newProduct(JdbcClient jdbc, int available) {
        String sku = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        jdbc.sql("insert into product (sku, name, price_cents, available, received) values (?, 'test product', 100, ?, ?)")
                .param(sku).param(available).param(available).update();
        return sku;
    }

    /** available, reserved and sold of a product. */
    static Map<String, Object> counters(JdbcClient jdbc, String sku) {
        return jdbc.sql("select available, reserved, sold from product where sku = ?").param(sku).query().singleRow();
    }
}
