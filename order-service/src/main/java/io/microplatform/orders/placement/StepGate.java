package io.microplatform.orders.placement;

/**
 * Every named step of a placement passes through the gate before it does anything: {@code StockTaken} in the
 * AT/XA/baseline steps, and the Saga's states ({@code CreateOrder}, {@code DeductStock}, {@code DebitAccount},
 * {@code ConfirmOrder}). In production there is no gate bean and {@link #OPEN} lets every step through; the
 * tests that prove failures are undone declare one that fails a step or holds it.
 */
@FunctionalInterface
interface StepGate {

    StepGate OPEN = step -> {
    };

    /** Returns when the step may go on; throws to make the step fail before it starts. */
    void pass(String step);
}
