package io.microplatform.orders.payment;

import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/** 402: the account cannot pay the order (or does not exist). */
public class InsufficientBalance extends ProblemException {

    public static final java.net.URI TYPE = ProblemTypes.of("insufficient-balance");

    InsufficientBalance(String userId, long amountCents, Long balanceCents) {
        super(HttpStatus.PAYMENT_REQUIRED, TYPE, balanceCents == null
                ? "user " + userId + " has no account"
                : "account of " + userId + ": " + amountCents + " cents needed, " + balanceCents + " available");
    }
}
