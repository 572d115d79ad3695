package io.microplatform.inventory.stock;

/** Kinds of {@code stock_movement} rows. */
enum StockMovement {
    /** AT, XA and baseline: available -> sold. */
    DEDUCT,
    /** TCC try: available -> reserved. */
    RESERVE,
    /** TCC confirm: reserved -> sold. */
    CONFIRM,
    /** TCC cancel: reserved -> available. */
    CANCEL,
    /** Saga step: available -> sold. */
    SAGA_DEDUCT,
    /** Saga compensation: sold -> available; its presence also refuses a late deduction. */
    SAGA_RELEASE
}
