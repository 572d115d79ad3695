/**
 * Payments: the accounts ledger ({@code POST|GET /api/payments/accounts}) and the payment of each order, in the
 * form every transaction mode needs: a conditional debit (AT, XA, Saga and the baseline), freeze / spend /
 * unfreeze (TCC), and an idempotent refund (Saga compensation). {@link io.microplatform.orders.payment.Payments}
 * runs on whichever {@code JdbcClient} the mode gives, so its work belongs to the mode's branch.
 */
package io.microplatform.orders.payment;
