package io.microplatform.orders.placement;

import io.microplatform.orders.order.OrderStatus;
import io.microplatform.orders.payment.InsufficientBalance;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdempotencyKeysTest {

    private static final UUID FIRST = UUID.randomUUID();

    @Test
    void theSameRequestHashesTheSameWhateverTheItemOrder() {
        PlaceOrder request = order("alice", "AT", line("KB-001", 1), line("MS-002", 2));
        PlaceOrder reordered = order("alice", "AT", line("MS-002", 2), line("KB-001", 1));

        assertThat(IdempotencyKeys.requestHash(request)).isEqualTo(IdempotencyKeys.requestHash(reordered))
                .hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void anyChangeOfUserModeSkuOrQuantityIsAnotherRequest() {
        String hash = IdempotencyKeys.requestHash(order("alice", "AT", line("KB-001", 1)));

        assertThat(List.of(
                order("bob", "AT", line("KB-001", 1)),
                order("alice", "TCC", line("KB-001", 1)),
                order("alice", "AT", line("KB-002", 1)),
                order("alice", "AT", line("KB-001", 2)),
                order("alice", "AT", line("KB-001", 1), line("MS-002", 1))))
                .extracting(IdempotencyKeys::requestHash)
                .doesNotContain(hash)
                .doesNotHaveDuplicates();
    }

    @Test
    void aConfirmedFirstOrderAnswersTheReplay() {
        assertThat(IdempotencyKeys.replayedOrder(earlier(OrderStatus.CONFIRMED, "h", null), "h")).contains(FIRST);
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefused() {
        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> IdempotencyKeys.replayedOrder(earlier(OrderStatus.CONFIRMED, "h", null), "other"));

        assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused.type()).isEqualTo(ProblemTypes.of("idempotency-key-reused"));
    }

    @Test
    void aCancelledFirstOrderAnswersWithItsOwnProblemAgain() {
        String code = "402 " + InsufficientBalance.TYPE;

        ProblemException again = catchThrowableOfType(ProblemException.class,
                () -> IdempotencyKeys.replayedOrder(earlier(OrderStatus.CANCELLED, "h", code), "h"));

        assertThat(again.status()).isEqualTo(HttpStatus.PAYMENT_REQUIRED);
        assertThat(again.type()).isEqualTo(InsufficientBalance.TYPE);
        assertThat(again.getMessage()).isEqualTo("no money");
        assertThat(again.toProblemDetail().getProperties()).containsEntry("orderId", FIRST);
    }

    @Test
    void aFirstOrderCancelledForAPassingReasonLeavesTheKeyToTheRetry() {
        assertThat(IdempotencyKeys.replayedOrder(earlier(OrderStatus.CANCELLED, "h", "503 urn:problem:unavailable"), "h"))
                .isEmpty();
        assertThat(IdempotencyKeys.replayedOrder(earlier(OrderStatus.CANCELLED, "h", null), "h"))
                .as("compensated by the coordinator's recovery, which records no code").isEmpty();
    }

    @Test
    void aFirstRequestStillRunningIsAConflict() {
        ProblemException busy = catchThrowableOfType(ProblemException.class,
                () -> IdempotencyKeys.replayedOrder(earlier(OrderStatus.PENDING, "h", null), "h"));

        assertThat(busy.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(busy.type()).isEqualTo(ProblemTypes.of("request-in-progress"));
    }

    private static PlacementRepository.Earlier earlier(OrderStatus status, String hash, String failureCode) {
        return new PlacementRepository.Earlier(FIRST, status, hash, failureCode, "no money");
    }

    private static PlaceOrder order(String user, String mode, PlaceOrder.Line... lines) {
        return new PlaceOrder(user, List.of(lines), mode);
    }

    private static PlaceOrder.Line line(String sku, int quantity) {
        return new PlaceOrder.Line(sku, quantity);
    }
}
