package io.streamline.engine.contract;

/** What a sink promises about records of epochs that were replayed after a failure. */
public enum Delivery {
    /** Every record of a committed epoch is in the output once: a replayed epoch replaces what it wrote before. */
    EXACTLY_ONCE,
    /** Every record of a committed epoch is in the output, some perhaps twice (written, then replayed). */
    AT_LEAST_ONCE
}
