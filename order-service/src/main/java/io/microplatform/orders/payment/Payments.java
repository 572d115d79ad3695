package io.microplatform.orders.payment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/** Money movements of orders. Each method is a few statements to run inside the caller's local transaction. */
@Component
public class Payments {

    /** balance -> spent, or {@link InsufficientBalance}; records the payment (AT, XA, Saga, baseline). */
    public void debit(JdbcClient jdbc, UUID orderId, String userId, long amountCents, String xid) {
        int updated = jdbc.sql("update account set balance_cents = balance_cents - :amount, updated_at = now()"
                        + " where user_id = :userId and balance_cents >= :amount")
                .param("amount", amountCents).param("userId", userId).update();
        if (updated == 0) {
            throw insufficient(jdbc, userId, amountCents);
        }
        record(jdbc, orderId, userId, amountCents, "DEBITED", xid);
    }

    /** Saga step: {@link #debit} once per order, whatever the retries. */
    public void debitOnce(JdbcClient jdbc, UUID orderId, String userId, long amountCents, String xid) {
        if (status(jdbc, orderId).isEmpty()) {
            debit(jdbc, orderId, userId, amountCents, xid);
        }
    }

    /** Saga compensation: gives back what {@link #debitOnce} took, once; nothing if it took nothing. */
    public void refundOnce(JdbcClient jdbc, UUID orderId) {
        jdbc.sql("update account a set balance_cents = a.balance_cents + p.amount_cents, updated_at = now()"
                        + " from payment p where p.order_id = :orderId and p.status = 'DEBITED' and a.user_id = p.user_id")
                .param("orderId", orderId).update();
        jdbc.sql("update payment set status = 'REFUNDED', updated_at = now() where order_id = :orderId and status = 'DEBITED'")
                .param("orderId", orderId).update();
    }

    /** TCC try: balance -> frozen, or {@link InsufficientBalance}. */
    public void freeze(JdbcClient jdbc, UUID orderId, String userId, long amountCents, String xid) {
        int updated = jdbc.sql("update account set balance_cents = balance_cents - :amount,"
                        + " frozen_cents = frozen_cents + :amount, updated_at = now()"
                        + " where user_id = :userId and balance_cents >= :amount")
                .param("amount", amountCents).param("userId", userId).update();
        if (updated == 0) {
            throw insufficient(jdbc, userId, amountCents);
        }
        record(jdbc, orderId, userId, amountCents, "FROZEN", xid);
    }

    /** TCC confirm: frozen -> spent. */
    public void spendFrozen(JdbcClient jdbc, UUID orderId) {
        moveFrozen(jdbc, orderId, "frozen_cents = frozen_cents - p.amount_cents", "DEBITED");
    }

    /** TCC cancel: frozen -> balance; nothing if the try froze nothing. */
    public void unfreeze(JdbcClient jdbc, UUID orderId) {
        moveFrozen(jdbc, orderId, "frozen_cents = frozen_cents - p.amount_cents, balance_cents = balance_cents + p.amount_cents",
                "CANCELLED");
    }

    Optional<String> status(JdbcClient jdbc, UUID orderId) {
        return jdbc.sql("select status from payment where order_id = :orderId").param("orderId", orderId)
                .query(String.class).optional();
    }

    private static void moveFrozen(JdbcClient jdbc, UUID orderId, String assignment, String newStatus) {
        jdbc.sql("update account a set " + assignment + ", updated_at = now() from payment p"
                        + " where p.order_id = :orderId and p.status = 'FROZEN' and a.user_id = p.user_id")
                .param("orderId", orderId).update();
        jdbc.sql("update payment set status = :status, updated_at = now() where order_id = :orderId and status = 'FROZEN'")
                .param("status", newStatus).param("orderId", orderId).update();
    }

    private static void record(JdbcClient jdbc, UUID orderId, String userId, long amountCents, String status, String xid) {
        jdbc.sql("insert into payment (order_id, user_id, amount_cents, status, xid) values (:orderId, :userId, :amount, :status, :xid)")
                .param("orderId", orderId).param("userId", userId).param("amount", amountCents)
                .param("status", status).param("xid", xid).update();
    }

    private static InsufficientBalance insufficient(JdbcClient jdbc, String userId, long amountCents) {
        Long balance = jdbc.sql("select balance_cents from account where user_id = :userId").param("userId", userId)
                .query(Long.class).optional().orElse(null);
        return new InsufficientBalance(userId, amountCents, balance);
    }
}
