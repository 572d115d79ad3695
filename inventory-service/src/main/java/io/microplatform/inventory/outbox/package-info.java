/**
 * Product events through a transactional outbox: {@link io.microplatform.inventory.outbox.ProductEvents#changed}
 * writes a {@link io.microplatform.inventory.outbox.ProductChanged} (event id, sku, the product's new version, the
 * kind of change) in the very transaction that changed the product; {@code OutboxRelay} publishes it to Kafka
 * ({@code inventory.events}, keyed by sku, so one product's events stay in order) at least once, the same relay as
 * order-service's. Consumers (cache-service) delete what they derived from the product; they never apply the
 * event as a value. The row keeps the writer's trace context ({@code traceparent}) and the relay publishes under
 * it, so the send and the consumers' spans belong to the request that changed the product (a TCC confirm or
 * cancel included: the platform runs those in a span of the try's request).
 *
 * <h2>Seata AT: a branch commits before the outcome is known</h2>
 * Under AT, inventory's local transaction commits in phase one: the product's new values, its raised version and
 * the outbox row are visible while the global transaction may still roll back, and a rollback restores the
 * before image through the undo log without running any of this code (no "rolled back" event can be written).
 * Three rules follow:
 * <ul>
 * <li>The relay holds a row back while its global transaction has undo-log entries in this database: they
 *     disappear exactly when phase two has finished here (deleted after a commit; applied, which deletes the
 *     outbox row, and deleted after a rollback). An event therefore leaves only for a change that stays.</li>
 * <li>The relay never updates a row a branch inserted while that branch can still be undone: an undo whose
 *     current row differs from its after image is "dirty" and Seata retries it forever. It marks rows published
 *     only after the undo-log check above; deleting (which an undo of an insert does) needs no such care.</li>
 * <li>Every AT write stamps the product with its XID ({@code last_xid}). A read of one product reports whether
 *     that XID still has undo-log entries here; if so the answer carries {@code Cache-Control: no-store} and the
 *     cache passes it on without keeping it. So no cache ever keeps a value that a rollback can take back, and a
 *     rolled-back value is served at most to the requests that read it while it was pending, exactly as
 *     inventory itself served it. The price: after a global commit, Seata deletes the undo log asynchronously
 *     (about a second), and until then the product's reads are not kept either, and its event waits.</li>
 * </ul>
 * XA writes are invisible until their prepared transaction commits (the outbox row with them); TCC and Saga
 * writes are business steps whose cancel and compensation run code here and publish their own event.
 * Chosen over a global-lock read ({@code @GlobalLock} + {@code select for update}, a round trip to the
 * coordinator on every read) because the undo-log check is one indexed lookup in the same query.
 */
package io.microplatform.inventory.outbox;
