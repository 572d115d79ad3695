/**
 * Placing an order: {@code POST /api/orders} in the transaction mode the client asks for. The step order is
 * the same in every mode: create the order, take the stock (a call to inventory-service), debit the account,
 * confirm. Each mode is one class with its steps and their undo visible in one place:
 * <ul>
 * <li>{@link io.microplatform.orders.placement.AtPlacement}: {@code @GlobalTransactional}, local transactions
 * through the AT proxy, rollback through undo logs;</li>
 * <li>{@link io.microplatform.orders.placement.XaPlacement}: the same flow on PostgreSQL prepared transactions;</li>
 * <li>{@link io.microplatform.orders.placement.TccPlacement} with
 * {@link io.microplatform.orders.placement.OrderTccActions}: one try / confirm / cancel for the order and its
 * payment, whose try calls inventory (a TCC participant of its own) between the two;</li>
 * <li>{@link io.microplatform.orders.placement.SagaPlacement} with
 * {@link io.microplatform.orders.placement.OrderSagaSteps} and the state machine
 * {@code seata/saga/statelang/place-order.json} (which names the steps bean {@code orderSagaSteps}): a
 * compensation for every step;</li>
 * <li>{@code UnsafeBaselinePlacement}: the same steps with no global transaction, only for the benchmark's
 * baseline, off unless its switch is set; inconsistent on failure by design.</li>
 * </ul>
 * {@code OrderPlacementService} validates and prices the request, applies the {@code Idempotency-Key}
 * ({@code IdempotencyKeys}), and dispatches to the mode. Every named step passes a {@code StepGate}, open in
 * production, through which the tests inject failures.
 */
package io.microplatform.orders.placement;
