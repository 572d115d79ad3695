package io.microplatform.orders.placement;

import io.microplatform.starter.tracing.TccPhaseTwoSpans;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * order-service's TCC participant: its try, confirm and cancel side by side. It is one participant for the
 * order and its payment, as order-service is one branch in AT and XA: the try creates the order, calls
 * inventory (whose reservation is a TCC participant of its own, a second branch) and freezes the money, in the
 * step order of every mode and in one local transaction, so the coordinator registers, and later confirms or
 * cancels, two branches per order rather than three. With the fence on, each phase is recorded in
 * {@code tcc_fence_log} in the same local transaction as its work. Public because Seata's fence invokes the
 * phase-two methods reflectively.
 */
@LocalTCC
public interface OrderTccActions {

    /**
     * Try: the order exists as PENDING, inventory has reserved its stock, balance -> frozen. Confirm: the
     * frozen money is spent and the order CONFIRMED, with its event. Cancel: frozen -> balance (nothing if
     * nothing was frozen) and the order is removed. The request's trace context ({@code traceparent};
     * {@code ""} outside a trace, as Seata refuses {@code null}) travels in the action context to the confirm,
     * which the coordinator calls back outside any request: the platform's hook ({@link TccPhaseTwoSpans}) runs
     * it in a span of that trace, so that the order's event stays in the request's trace.
     */
    @TwoPhaseBusinessAction(name = "order-placement", commitMethod = "confirmOrder", rollbackMethod = "cancelOrder",
            useTCCFence = true)
    boolean placeOrder(BusinessActionContext context,
                       @BusinessActionContextParameter(paramName = "orderId") String orderId, PricedOrder order,
                       @BusinessActionContextParameter(paramName = TccPhaseTwoSpans.TRACEPARENT) String traceparent);

    boolean confirmOrder(BusinessActionContext context);

    boolean cancelOrder(BusinessActionContext context);
}
