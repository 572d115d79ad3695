package io.microplatform.orders.placement;

import io.microplatform.test.SharedDevStack;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.Map;
import java.util.UUID;

/** Products and accounts made fresh per test, and a view of inventory's database to assert on. */
final class OrderFixtures {

    private static JdbcClient inventoryDb;

    private OrderFixtures() {
    }

    static synchronized JdbcClient inventoryDb() {
        if (inventoryDb == null) {
            Map<String, String> stack = SharedDevStack.get().connectionProperties();
            inventoryDb = JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://" + stack.get("POSTGRES_HOST")
                    + ":" + stack.get("POSTGRES_PORT") + "/inventory", stack.get("POSTGRES_USER"), ""));
        }
        return inventoryDb;
    }

    static String newProduct(int available, long priceCents) {
        String sku = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        inventoryDb().sql("insert into product (sku, name, price_cents, available, received) values (?, 'test product', ?, ?, ?)")
                .param(sku).param(priceCents).param(available).param(available).update();
        return sku;
    }

    static String newAccount(JdbcClient orders, long balanceCents) {
        String user = "u-" + UUID.randomUUID();
        orders.sql("insert into account (user_id, balance_cents, opening_cents) values (?, ?, ?)").param(user).param(balanceCents)
                .param(balanceCents).update();
        return user;
    }

    /** available, reserved and sold of a product. */
    static Map<String, Object> stock(String sku) {
        return inventoryDb().sql("select available, reserved, sold from product where sku = ?").param(sku).query().singleRow();
    }

    static long balance(JdbcClient orders, String user) {
        return orders.sql("select balance_cents from account where user_id = ?").param(user).query(Long.class).single();
    }

    static long frozen(JdbcClient orders, String user) {
        return orders.sql("select frozen_cents from account where user_id = ?").param(user).query(Long.class).single();
    }
}
