package io.microplatform.orders.placement;

/** How an order's steps are made atomic across order-service and inventory-service. */
public enum TransactionMode {
    AT, TCC, XA, SAGA,
    /** No global transaction: the benchmark's baseline only. */
    NONE
}
