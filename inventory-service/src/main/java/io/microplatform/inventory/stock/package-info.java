/**
 * Stock taken for orders, in every Seata transaction mode that order-service starts. Internal API under
 * {@code /internal/inventory/stock} (not routed by the gateway):
 * <ul>
 * <li>AT and XA: {@code POST /at/deductions}, {@code POST /xa/deductions}: one conditional update per item
 * ({@code available >= quantity}) through the mode's data-source proxy, so the coordinator can undo it (AT) or
 * commits the prepared transaction (XA);</li>
 * <li>TCC: {@code POST /tcc/reservations} is the try of {@link io.microplatform.inventory.stock.StockReservationAction};
 * the coordinator calls its confirm and cancel, guarded by Seata's TCC fence;</li>
 * <li>Saga: {@code POST /saga/deductions} and its compensation {@code POST /saga/releases}, both idempotent per
 * order, and a deduction arriving after its release is refused;</li>
 * <li>{@code POST /local/deductions}: the same update without a global transaction, for the benchmark's
 * baseline only (off unless {@code microplatform.unsafe-baseline.enabled}).</li>
 * </ul>
 * AT, XA and TCC calls must carry the global transaction id ({@code TX_XID}); every movement records the XID
 * it ran under.
 */
package io.microplatform.inventory.stock;
