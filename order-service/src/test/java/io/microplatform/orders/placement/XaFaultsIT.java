package io.microplatform.orders.placement;

import io.microplatform.test.ServiceIntegrationTest;
import io.microplatform.test.ServiceProcess;
import io.microplatform.test.ServiceProcesses;
import io.microplatform.test.SharedDevStack;
import io.microplatform.test.TestHttp;
import io.microplatform.test.WithServices;
import org.apache.seata.core.model.GlobalStatus;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.microplatform.orders.placement.OrderFixtures.balance;
import static io.microplatform.orders.placement.OrderFixtures.inventoryDb;
import static io.microplatform.orders.placement.OrderFixtures.newAccount;
import static io.microplatform.orders.placement.OrderFixtures.newProduct;
import static io.microplatform.orders.placement.OrderFixtures.stock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * XA branches cut off by a fault, and what must hold afterwards: no row left locked, no write of a rolled-back
 * branch ever committed.
 *
 * <p>The transaction manager killed with SIGKILL between the phases of an XA order: inventory's branch is prepared
 * (the stock is taken and its row locked until the global outcome), order-service's own branch is not, and its
 * connection dies with the process, so PostgreSQL drops it. Only the coordinator can end the transaction, once it
 * times out. Its rollback then finds nothing to roll back of order-service's branch: it answers XAER_NOTA, which
 * the coordinator retries for the longer of 60 s and the timeout (the branch might still be on its way to
 * prepare). Inventory's branch must not wait behind that: the coordinator rolls back each resource's branches on
 * their own ({@code enable-parallel-handle-branch}), so inventory's row is free while the dead branch is still
 * being retried. Before that setting, inventory's product row stayed locked for a minute and a half after the
 * crash, blocking every order of that product.
 *
 * The manager here is a second order-service, a real process, held at its payment step by a row lock this test
 * takes on the account, after inventory has prepared.
 *
 * <p>A branch the coordinator ends while it still runs: the manager gives up on inventory (its read timeout)
 * while inventory's branch waits for a row lock, and rolls back; the coordinator's rollback finds no prepared
 * branch yet. When the branch then goes on, Seata's XA connection finds the transaction finished and gives up the
 * branch, but leaves its transaction open on the pooled connection (see platform-starter's
 * {@code XaConnectionGuard}): its writes, holding their row locks, would wait there for the next borrower to
 * commit them.
 */
@ServiceIntegrationTest
@WithServices("inventory-service")
class XaFaultsIT {

    private ServiceProcess manager;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void stopManager() {
        if (manager != null && manager.process().isAlive()) {
            manager.signal("KILL");
        }
    }

    @Test
    void aPreparedBranchIsRolledBackWhileTheDeadManagersOwnBranchIsStillRetried() throws Exception {
        String sku = newProduct(10, 500);
        String user = newAccount(jdbc, 10_000);
        manager = ServiceProcess.start("order-service", "order-service-manager", ServiceProcess.freePort(),
                ServiceProcess.discovering(Map.of("inventory-service", List.of(ServiceProcesses.uriOf("inventory-service")))));

        List<String> preparedBefore = preparedInInventory();
        try (Connection accountLock = ordersConnection()) {
            accountLock.setAutoCommit(false);
            try (PreparedStatement lock = accountLock.prepareStatement("select 1 from account where user_id = ? for update")) {
                lock.setString(1, user);
                lock.executeQuery().close();
            }
            CompletableFuture.runAsync(() -> {
                try {
                    TestHttp.client(manager.port()).post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                            .body(Map.of("userId", user, "mode", "XA", "items", List.of(Map.of("sku", sku, "quantity", 3))))
                            .retrieve().toBodilessEntity();
                }
                catch (RuntimeException e) {
                    // the manager dies before it answers
                }
            });

            // inventory prepared its branch and answered; the manager waits for the account row in its payment step
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> newlyPrepared(preparedBefore).size() == 1 && managerWaitsForLock());
            manager.signal("KILL");
            accountLock.rollback();
        }

        String gid = newlyPrepared(preparedBefore).get(0);
        String xid = xidOf(gid);
        assertThat(stock(sku)).as("the prepared branch's change is not visible").containsEntry("available", 10);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> !preparedInInventory().contains(gid));
        assertThat(GlobalTransactionContext.reload(xid).getStatus())
                .as("inventory's branch was rolled back while the coordinator still retried the dead manager's branch")
                .isIn(GlobalStatus.TimeoutRollbacking, GlobalStatus.TimeoutRollbackRetrying);

        assertThat(stock(sku)).containsEntry("available", 10).containsEntry("sold", 0);
        assertThat(inventoryDb().sql("select count(*) from stock_movement where sku = ?").param(sku).query(Integer.class).single())
                .isZero();
        assertThat(balance(jdbc, user)).isEqualTo(10_000);
        assertThat(jdbc.sql("select count(*) from orders where user_id = ?").param(user).query(Integer.class).single()).isZero();
        await().atMost(Duration.ofSeconds(150))
                .until(() -> GlobalTransactionContext.reload(xid).getStatus() == GlobalStatus.Finished);
    }

    @Test
    void aBranchTheCoordinatorEndedWhileItRanLeavesNothingBehind() throws Exception {
        String sku = newProduct(10, 500);
        String user = newAccount(jdbc, 10_000);

        try (Connection productLock = inventoryConnection()) {
            productLock.setAutoCommit(false);
            try (PreparedStatement lock = productLock.prepareStatement("select 1 from product where sku = ? for update")) {
                lock.setString(1, sku);
                lock.executeQuery().close();
            }
            int status = TestHttp.client(port).post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("userId", user, "mode", "XA", "items", List.of(Map.of("sku", sku, "quantity", 3))))
                    .exchange((request, response) -> response.getStatusCode().value());
            assertThat(status).as("the manager gave up on inventory and rolled back").isEqualTo(503);
            assertThat(inventoryWaitsForLock()).as("inventory's branch still waits for the product row").isTrue();
        }

        // the branch goes on, finds its transaction ended and gives up: its writes must not stay behind
        await().atMost(Duration.ofSeconds(60)).until(() -> productRowFree(sku));
        assertThat(inventoryDb().sql("select count(*) from pg_stat_activity where datname = 'inventory' "
                + "and state like 'idle in transaction%'").query(Integer.class).single()).isZero();
        assertThat(stock(sku)).containsEntry("available", 10).containsEntry("sold", 0);
        assertThat(inventoryDb().sql("select count(*) from stock_movement where sku = ?").param(sku).query(Integer.class).single())
                .isZero();
        assertThat(balance(jdbc, user)).isEqualTo(10_000);
    }

    private static List<String> preparedInInventory() {
        return inventoryDb().sql("select gid from pg_prepared_xacts where database = 'inventory'").query(String.class).list();
    }

    private static List<String> newlyPrepared(List<String> before) {
        return preparedInInventory().stream().filter(gid -> !before.contains(gid)).toList();
    }

    private boolean managerWaitsForLock() {
        return jdbc.sql("select count(*) from pg_stat_activity where datname = 'orders' and wait_event_type = 'Lock'")
                .query(Integer.class).single() > 0;
    }

    private static boolean inventoryWaitsForLock() {
        return inventoryDb().sql("select count(*) from pg_stat_activity where datname = 'inventory' and wait_event_type = 'Lock'")
                .query(Integer.class).single() > 0;
    }

    private static boolean productRowFree(String sku) throws Exception {
        try (Connection probe = inventoryConnection()) {
            probe.setAutoCommit(false);
            try (PreparedStatement lock = probe.prepareStatement("select 1 from product where sku = ? for update nowait")) {
                lock.setString(1, sku);
                lock.executeQuery().close();
                return true;
            }
            catch (java.sql.SQLException lockNotAvailable) {
                return false;
            }
            finally {
                probe.rollback();
            }
        }
    }

    /** Seata's XA branch id is {@code formatId_base64(xid)_base64("-" + branchId)}. */
    private static String xidOf(String gid) {
        return new String(Base64.getDecoder().decode(gid.split("_")[1]), StandardCharsets.UTF_8);
    }

    private static Connection ordersConnection() throws Exception {
        return connection("orders");
    }

    private static Connection inventoryConnection() throws Exception {
        return connection("inventory");
    }

    private static Connection connection(String database) throws Exception {
        Map<String, String> stack = SharedDevStack.get().connectionProperties();
        return DriverManager.getConnection("jdbc:postgresql://" + stack.get("POSTGRES_HOST") + ":" + stack.get("POSTGRES_PORT")
                + "/" + database, stack.get("POSTGRES_USER"), "");
    }
}
