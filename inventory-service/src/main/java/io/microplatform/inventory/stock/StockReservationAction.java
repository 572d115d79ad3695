package io.microplatform.inventory.stock;

import io.microplatform.starter.tracing.TccPhaseTwoSpans;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * The TCC participant of inventory, its three phases in one place. The try runs when order-service calls
 * {@code POST /internal/inventory/stock/tcc/reservations} inside its global transaction (the call registers a
 * TCC branch); the coordinator then calls {@link #confirm} or {@link #cancel}.
 *
 * <p>{@code useTCCFence} makes Seata record each phase in {@code tcc_fence_log} in the same local transaction
 * as the phase's own work: a repeated confirm or cancel does nothing, a cancel without a try (the try failed
 * or never arrived) is an empty rollback, and a try that arrives after its cancel is refused (suspension).
 *
 * <p>The try stores its request's trace context in the action context ({@link TccPhaseTwoSpans#TRACEPARENT}):
 * the coordinator calls confirm and cancel outside any request, and the platform's hook runs them in a span of
 * that request's trace, so the events they write (through the outbox) stay in it.
 */
@LocalTCC
public interface StockReservationAction {

    String NAME = "inventory-stock-reservation";

    /**
     * Try: available -> reserved for every item, or nothing and {@link InsufficientStock}. {@code traceparent}:
     * the caller's trace context, or {@code ""} (Seata refuses {@code null}).
     */
    @TwoPhaseBusinessAction(name = NAME, commitMethod = "confirm", rollbackMethod = "cancel", useTCCFence = true)
    boolean reserve(BusinessActionContext context,
                    @BusinessActionContextParameter(paramName = "orderId") String orderId,
                    StockRequest request,
                    @BusinessActionContextParameter(paramName = TccPhaseTwoSpans.TRACEPARENT) String traceparent);

    /** Confirm: reserved -> sold for what the try reserved. */
    boolean confirm(BusinessActionContext context);

    /** Cancel: reserved -> available for what the try reserved; nothing if it reserved nothing. */
    boolean cancel(BusinessActionContext context);
}
