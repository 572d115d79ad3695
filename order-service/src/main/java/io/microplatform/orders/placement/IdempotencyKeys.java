package io.microplatform.orders.placement;

import io.microplatform.orders.order.OrderStatus;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code Idempotency-Key} rules of {@code POST /api/orders}: which requests count as the same, and what a
 * repeated key answers, depending on how the first request ended. Pure functions, so that the rules are
 * tested without a database.
 */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** Identifies the request: the same body, in any item order, hashes the same; another body differently. */
    static String requestHash(PlaceOrder request) {
        String canonical = request.userId() + "|" + request.mode() + "|" + request.items().stream()
                .map(line -> line.sku() + "x" + line.quantity()).sorted().collect(Collectors.joining(","));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The order that answers a repeated key: the first order once it is confirmed. A key reused for another
     * body is refused (422), and a first request still running answers 409. A cancelled first order answers with
     * its own problem again when the failure was final (402 refused payment, 409 out of stock); when it was a
     * passing one (a 5xx, or a compensation by the coordinator's recovery, which records no code) the answer is
     * empty: the key is free for the retry that the 503 asked for, as it is in the modes that leave no cancelled
     * row behind.
     */
    static Optional<UUID> replayedOrder(PlacementRepository.Earlier earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.of("idempotency-key-reused"),
                    "this Idempotency-Key was used for a different request; use a new key for a new order");
        }
        if (earlier.status() == OrderStatus.CONFIRMED) {
            return Optional.of(earlier.id());
        }
        if (earlier.status() == OrderStatus.CANCELLED) {
            if (earlier.failureCode() == null || earlier.failureCode().startsWith("5")) {
                return Optional.empty();
            }
            throw FailureCodes.toProblem(earlier.failureCode(), earlier.failureReason())
                    .withProperty("orderId", earlier.id());
        }
        throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("request-in-progress"),
                "a request with this Idempotency-Key is still being processed; retry later");
    }
}
