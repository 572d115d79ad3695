package io.microplatform.orders.placement;

import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * order-service's two TCC participants, each with its try, confirm and cancel side by side. With the fence
 * on, each phase is recorded in {@code tcc_fence_log} in the same local transaction as its work.
 * (Inventory's reservation, called between the two, is the third participant.) Public because Seata's fence
 * invokes the phase-two methods reflectively.
 */
@LocalTCC
public interface OrderTccActions {

    /**
     * Try: the order exists as PENDING. Confirm: CONFIRMED, with its event. Cancel: the order is removed. The
     * request's trace context ({@code traceparent}, may be null) travels in the action context to the confirm,
     * which the coordinator calls back outside any request, so that the order's event stays in the request's trace.
     */
    @TwoPhaseBusinessAction(name = "order-creation", commitMethod = "confirmOrder", rollbackMethod = "cancelOrder",
            useTCCFence = true)
    boolean createOrder(BusinessActionContext context,
                        @BusinessActionContextParameter(paramName = "orderId") String orderId, PricedOrder order,
                        @BusinessActionContextParameter(paramName = "traceparent") String traceparent);

    boolean confirmOrder(BusinessActionContext context);

    boolean cancelOrder(BusinessActionContext context);

    /** Try: balance -> frozen. Confirm: frozen is spent. Cancel: frozen -> balance (nothing if nothing was frozen). */
    @TwoPhaseBusinessAction(name = "order-payment", commitMethod = "spendPayment", rollbackMethod = "unfreezePayment",
            useTCCFence = true)
    boolean freezePayment(BusinessActionContext context,
                          @BusinessActionContextParameter(paramName = "orderId") String orderId, PricedOrder order);

    boolean spendPayment(BusinessActionContext context);

    boolean unfreezePayment(BusinessActionContext context);
}
