package io.microplatform.inventory.stock;

import io.microplatform.test.ServiceIntegrationTest;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.rm.fence.SpringFenceHandler;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.tm.api.GlobalTransaction;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.microplatform.inventory.stock.StockFixtures.counters;
import static io.microplatform.inventory.stock.StockFixtures.newProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The TCC participant against the real coordinator: confirm and cancel driven by the coordinator, and the
 * fence cases (idempotent phase two, empty rollback, suspension) through the fence handler that the
 * coordinator's phase-two calls go through.
 */
@ServiceIntegrationTest
class StockReservationTccIT {

    /** Seata's CommonFenceConstant values in tcc_fence_log.status. */
    private static final int TRIED = 1, COMMITTED = 2, ROLLBACKED = 3, SUSPENDED = 4;

    @Autowired
    StockReservationAction action;

    @Autowired
    StockReservationTcc target;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void unbind() {
        RootContext.unbind();
    }

    @Test
    void globalCommitConfirmsTheReservationAndARepeatedConfirmChangesNothing() throws Exception {
        String sku = newProduct(jdbc, 10);
        UUID order = UUID.randomUUID();

        String xid = inGlobalTransaction(order, sku, 4, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> fenceStatus(xid), status -> status == COMMITTED);
        assertThat(counters(jdbc, sku)).containsEntry("available", 6).containsEntry("reserved", 0).containsEntry("sold", 4);

        // the coordinator retries phase two when it does not hear back: the fence makes the retry a no-op
        long branchId = branchId(xid);
        assertThat(new SpringFenceHandler().commitFence(method("confirm"), target, xid, branchId,
                new Object[] { context(xid, branchId, order) })).isTrue();
        assertThat(counters(jdbc, sku)).containsEntry("available", 6).containsEntry("reserved", 0).containsEntry("sold", 4);
    }

    @Test
    void globalRollbackCancelsTheReservationAndARepeatedCancelChangesNothing() throws Exception {
        String sku = newProduct(jdbc, 10);
        UUID order = UUID.randomUUID();

        String xid = inGlobalTransaction(order, sku, 4, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> fenceStatus(xid), status -> status == ROLLBACKED);
        assertThat(counters(jdbc, sku)).containsEntry("available", 10).containsEntry("reserved", 0).containsEntry("sold", 0);

        long branchId = branchId(xid);
        assertThat(new SpringFenceHandler().rollbackFence(method("cancel"), target, xid, branchId,
                new Object[] { context(xid, branchId, order) }, StockReservationAction.NAME)).isTrue();
        assertThat(counters(jdbc, sku)).containsEntry("available", 10).containsEntry("reserved", 0);
    }

    @Test
    void aFailedTryIsAnEmptyRollbackThatChangesNothing() throws Exception {
        String sku = newProduct(jdbc, 2);
        UUID order = UUID.randomUUID();
        GlobalTransaction tx = GlobalTransactionContext.getCurrentOrCreate();
        tx.begin(30_000, "tcc-empty-rollback");
        String xid = tx.getXid();

        // the branch is registered before the try's body runs, so the coordinator will call cancel for it
        assertThatThrownBy(() -> action.reserve(null, order.toString(), request(order, sku, 3), ""))
                .isInstanceOf(InsufficientStock.class);
        tx.rollback();

        await().atMost(Duration.ofSeconds(30)).until(() -> fenceStatus(xid), status -> status == SUSPENDED);
        assertThat(counters(jdbc, sku)).containsEntry("available", 2).containsEntry("reserved", 0);
    }

    @Test
    void aTryArrivingAfterItsCancelIsRefused() throws Exception {
        String sku = newProduct(jdbc, 10);
        UUID order = UUID.randomUUID();
        String xid = "suspension-" + order;
        long branchId = 42L;
        SpringFenceHandler fence = new SpringFenceHandler();

        // the cancel overtakes the try (network delay, coordinator timeout): an empty rollback is recorded
        assertThat(fence.rollbackFence(method("cancel"), target, xid, branchId,
                new Object[] { context(xid, branchId, order) }, StockReservationAction.NAME)).isTrue();
        assertThat(fenceStatus(xid)).isEqualTo(SUSPENDED);

        // ...and the late try is refused before it touches the stock
        assertThatThrownBy(() -> fence.prepareFence(xid, branchId, StockReservationAction.NAME,
                () -> target.reserve(context(xid, branchId, order), order.toString(), request(order, sku, 5), "")))
                .isNotNull();
        assertThat(counters(jdbc, sku)).containsEntry("available", 10).containsEntry("reserved", 0);
    }

    private String inGlobalTransaction(UUID order, String sku, int quantity, boolean commit) throws Exception {
        GlobalTransaction tx = GlobalTransactionContext.getCurrentOrCreate();
        tx.begin(30_000, "tcc-test");
        String xid = tx.getXid();
        assertThat(action.reserve(null, order.toString(), request(order, sku, quantity), "")).isTrue();
        assertThat(fenceStatus(xid)).isEqualTo(TRIED);
        assertThat(counters(jdbc, sku)).containsEntry("reserved", quantity);
        if (commit) {
            tx.commit();
        }
        else {
            tx.rollback();
        }
        return xid;
    }

    private int fenceStatus(String xid) {
        return jdbc.sql("select status from tcc_fence_log where xid = ?").param(xid).query(Integer.class).single();
    }

    private long branchId(String xid) {
        return jdbc.sql("select branch_id from tcc_fence_log where xid = ?").param(xid).query(Long.class).single();
    }

    private static BusinessActionContext context(String xid, long branchId, UUID order) {
        return new BusinessActionContext(xid, String.valueOf(branchId), Map.of("orderId", order.toString()));
    }

    private static Method method(String name) throws NoSuchMethodException {
        return StockReservationTcc.class.getMethod(name, BusinessActionContext.class);
    }

    private static StockRequest request(UUID order, String sku, int quantity) {
        return new StockRequest(order, List.of(new StockItem(sku, quantity)));
    }
}
