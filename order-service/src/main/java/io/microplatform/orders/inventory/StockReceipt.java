package io.microplatform.orders.inventory;

import java.util.UUID;

/** Inventory's answer: which order, and the XID inventory saw on the call. */
public record StockReceipt(UUID orderId, String xid) {
}
