package io.microplatform.orders.placement;

import io.microplatform.starter.Causes;
import io.microplatform.starter.problem.ProblemException;
import io.microplatform.starter.problem.ProblemTypes;
import org.apache.seata.saga.engine.StateMachineEngine;
import org.apache.seata.saga.statelang.domain.ExecutionStatus;
import org.apache.seata.saga.statelang.domain.StateMachineInstance;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Saga: runs the state machine {@code placeOrder} (seata/saga/statelang/place-order.json) synchronously, its
 * business key the order id. When a step fails, the engine has already run the compensations of the steps
 * before it in reverse order; the order is left CANCELLED with the failure as its reason. When the engine itself
 * fails (its state log is unreachable), the order stays PENDING and the coordinator's recovery finishes the saga
 * ({@link SagaConfiguration}).
 */
@Component
class SagaPlacement implements OrderPlacement {

    static final String STATE_MACHINE = "placeOrder";

    private final StateMachineEngine engine;
    private final PlacementRepository orders;
    private final JdbcClient jdbc;

    SagaPlacement(StateMachineEngine engine, PlacementRepository orders, JdbcClient jdbc) {
        this.engine = engine;
        this.orders = orders;
        this.jdbc = jdbc;
    }

    @Override
    public TransactionMode mode() {
        return TransactionMode.SAGA;
    }

    @Override
    public void place(PricedOrder order) {
        StateMachineInstance instance = engine.startWithBusinessKey(STATE_MACHINE, null, order.id().toString(),
                new HashMap<>(Map.of("order", OrderSagaSteps.SagaOrder.of(order))));
        if (instance.getStatus() == ExecutionStatus.SU) {
            return;
        }
        ProblemException failure = failure(instance.getException());
        if (instance.getCompensationStatus() != null || instance.getStatus() == ExecutionStatus.FA) {
            // the saga went the way of its compensations (they may still be retried by the coordinator)
            orders.markCancelled(jdbc, order.id(), FailureCodes.of(failure), failure.getMessage());
        }
        // otherwise the outcome is unknown: the order stays PENDING until the coordinator's recovery ends the saga
        // either way (compensated: CANCELLED; driven forward past the last step: CONFIRMED)
        throw failure.withProperty("orderId", order.id());
    }

    private static ProblemException failure(Throwable cause) {
        return Causes.find(cause, ProblemException.class).orElseGet(() -> new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "the order could not be completed and was compensated: "
                        + (cause == null ? "unknown failure" : cause.getMessage())));
    }
}
