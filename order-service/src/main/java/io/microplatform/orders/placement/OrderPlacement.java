package io.microplatform.orders.placement;

/**
 * Places a priced order in one transaction mode. Returns once the outcome is final; a business failure
 * ({@code InsufficientBalance}, a stock problem) is thrown after everything was undone.
 */
interface OrderPlacement {

    TransactionMode mode();

    void place(PricedOrder order);
}
