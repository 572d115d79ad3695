package io.microplatform.starter;

/**
 * The switch of the benchmark's unsafe baseline: order placement with no global transaction (order-service's
 * mode {@code NONE}) and inventory's matching endpoint. Both services read this one key, so that one setting,
 * e.g. {@code MICROPLATFORM_UNSAFEBASELINE_ENABLED=true ./platform up}, turns both sides on. Off by default:
 * the baseline is inconsistent on failure by design.
 */
public final class UnsafeBaseline {

    public static final String ENABLED = "microplatform.unsafe-baseline.enabled";

    private UnsafeBaseline() {
    }
}
