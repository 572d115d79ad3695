/**
 * Orders: {@code POST /api/orders} places an order in the transaction mode the client asks for, and
 * {@code GET /api/orders[/{id}]} reads them. The step order is the same in every mode: create the order,
 * take the stock (a call to inventory-service), debit the account, confirm. Each mode is one class with its
 * steps and their undo visible in one place:
 * <ul>
 * <li>{@link io.microplatform.order.order.AtPlacement}: {@code @GlobalTransactional}, local transactions
 * through the AT proxy, rollback through undo logs;</li>
 * <li>{@link io.microplatform.order.order.XaPlacement}: the same flow on PostgreSQL prepared transactions;</li>
 * <li>{@link io.microplatform.order.order.TccPlacement} with {@link io.microplatform.order.order.OrderTccActions}:
 * try / confirm / cancel for the order and the payment, inventory's reservation in between;</li>
 * <li>{@link io.microplatform.order.order.SagaPlacement} with {@link io.microplatform.order.order.OrderSagaSteps}
 * and the state machine {@code seata/saga/statelang/place-order.json}: a compensation for every step;</li>
 * <li>{@link io.microplatform.order.order.UnsafeBaselinePlacement}: the same steps with no global transaction,
 * only for the benchmark's baseline, off unless {@code platform.unsafe-baseline.enabled}; inconsistent on
 * failure by design.</li>
 * </ul>
 * {@link io.microplatform.order.order.Orders} validates and prices the request, applies the
 * {@code Idempotency-Key}, and dispatches to the mode.
 */
package io.microplatform.order.order;
