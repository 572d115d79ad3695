package io.microplatform.inventory.stock;

import io.microplatform.inventory.outbox.ProductEvents;
import io.microplatform.starter.tracing.TccPhaseTwoSpans;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Works on the plain DataSource: the TCC fence opens the local transaction around each phase (with Boot's
 * transaction manager) and this code joins it, so the fence record and the stock change commit together.
 */
@Component
class StockReservationTcc implements StockReservationAction {

    private final JdbcClient jdbc;
    private final ProductEvents events;

    StockReservationTcc(JdbcClient jdbc, ProductEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** The parameter annotations are repeated here because Seata reads them from the implementation's method. */
    @Override
    public boolean reserve(BusinessActionContext context,
                           @BusinessActionContextParameter(paramName = "orderId") String orderId,
                           StockRequest request,
                           @BusinessActionContextParameter(paramName = TccPhaseTwoSpans.TRACEPARENT) String traceparent) {
        for (StockItem item : request.itemsInLockOrder()) {
            StockLedger.reserve(jdbc, events, item);
            StockLedger.record(jdbc, request.orderId(), context.getXid(), StockMovement.RESERVE, item);
        }
        return true;
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        UUID orderId = orderId(context);
        for (StockItem item : StockLedger.movements(jdbc, orderId, StockMovement.RESERVE)) {
            StockLedger.confirmReserved(jdbc, events, item);
            StockLedger.record(jdbc, orderId, context.getXid(), StockMovement.CONFIRM, item);
        }
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        UUID orderId = orderId(context);
        for (StockItem item : StockLedger.movements(jdbc, orderId, StockMovement.RESERVE)) {
            StockLedger.cancelReserved(jdbc, events, item);
            StockLedger.record(jdbc, orderId, context.getXid(), StockMovement.CANCEL, item);
        }
        return true;
    }

    private static UUID orderId(BusinessActionContext context) {
        return UUID.fromString(String.valueOf(context.getActionContext("orderId")));
    }
}
