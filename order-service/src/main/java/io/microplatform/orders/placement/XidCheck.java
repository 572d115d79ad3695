package io.microplatform.orders.placement;

import io.microplatform.orders.inventory.StockReceipt;

/**
 * Missing XID propagation is the most common reason a global transaction "does not roll back": inventory
 * would then commit on its own. Inventory answers with the XID it saw, and a mismatch fails the transaction.
 */
final class XidCheck {

    private XidCheck() {
    }

    static void sameTransaction(String xid, StockReceipt receipt) {
        if (xid == null || !xid.equals(receipt.xid())) {
            throw new IllegalStateException("inventory-service ran under XID " + receipt.xid() + ", not " + xid
                    + ": the global transaction did not propagate");
        }
    }
}
