package io.microplatform.orders.placement;

import io.microplatform.orders.inventory.InventoryClient;
import io.microplatform.orders.order.OrderRepository;
import io.microplatform.orders.order.OrderStatus;
import io.microplatform.orders.payment.Payments;
import io.microplatform.starter.tracing.TccPhaseTwoSpans;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Works on the plain DataSource: the fence opens each phase's local transaction with Boot's transaction
 * manager and this code joins it. (Parameter annotations are repeated: Seata reads the implementation's.)
 */
@Component
class OrderTccParticipant implements OrderTccActions {

    private final JdbcClient jdbc;
    private final PlacementRepository placed;
    private final OrderRepository orders;
    private final Payments payments;
    private final OrderConfirmation confirmation;
    private final InventoryClient inventory;

    OrderTccParticipant(JdbcClient jdbc, PlacementRepository placed, OrderRepository orders, Payments payments,
                        OrderConfirmation confirmation, InventoryClient inventory) {
        this.jdbc = jdbc;
        this.placed = placed;
        this.orders = orders;
        this.payments = payments;
        this.confirmation = confirmation;
        this.inventory = inventory;
    }

    /**
     * A failure after inventory's answer (the payment) rolls this local transaction back, fence record included;
     * the coordinator then cancels inventory's reservation, and this participant's cancel finds no try (an empty
     * rollback).
     */
    @Override
    public boolean placeOrder(BusinessActionContext context,
                              @BusinessActionContextParameter(paramName = "orderId") String orderId, PricedOrder order,
                              @BusinessActionContextParameter(paramName = TccPhaseTwoSpans.TRACEPARENT) String traceparent) {
        placed.insert(jdbc, order, OrderStatus.PENDING, context.getXid());
        XidCheck.sameTransaction(context.getXid(), inventory.reserveTcc(order.id(), order.stockLines()));
        payments.freeze(jdbc, order.id(), order.userId(), order.totalCents(), context.getXid());
        return true;
    }

    @Override
    public boolean confirmOrder(BusinessActionContext context) {
        UUID id = orderId(context);
        payments.spendFrozen(jdbc, id);
        orders.findById(id).ifPresent(order -> confirmation.confirm(jdbc, PricedOrder.of(order), context.getXid()));
        return true;
    }

    @Override
    public boolean cancelOrder(BusinessActionContext context) {
        UUID id = orderId(context);
        payments.unfreeze(jdbc, id);
        placed.delete(jdbc, id);
        return true;
    }

    private static UUID orderId(BusinessActionContext context) {
        return UUID.fromString(String.valueOf(context.getActionContext("orderId")));
    }
}
