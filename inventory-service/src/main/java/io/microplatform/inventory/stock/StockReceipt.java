package io.microplatform.inventory.stock;

import java.util.UUID;

/** What inventory did for an order, and under which global transaction it saw the call. */
public record StockReceipt(UUID orderId, String xid) {
}
