/**
 * The transactional outbox. {@link io.microplatform.orders.outbox.Outbox#append} writes an event in the caller's
 * local transaction, the one that confirms the order, so an event exists exactly when the confirmation
 * committed. {@link io.microplatform.orders.outbox.OutboxRelay} publishes to Kafka afterwards, at least once.
 *
 * <p>Under AT an order's local transaction commits in phase one, before the global outcome is known, and a
 * rollback later deletes its rows through the undo log. The relay therefore skips rows whose global
 * transaction still has undo-log entries in this database: those entries disappear exactly when phase two
 * has finished here (deleted after a commit, applied and deleted after a rollback, which also removes the
 * outbox row). Under XA the row is invisible until the prepared transaction commits; under TCC and Saga it
 * is written by the confirm step, after the outcome is known.
 */
package io.microplatform.orders.outbox;
