package io.streamline.engine.config;

/**
 * How the engine runs pipelines: ring capacity at task boundaries and the idle strategy of task threads.
 * Presets for common goals live in the {@code tuning} module.
 *
 * @param ringSize slots per ring, a power of two
 * @param idleMode what idle task threads do
 */
public record EngineConfig(int ringSize, IdleMode idleMode) {
    /** Small enough to stay in cache, large enough to absorb a sink's hiccup at 1M rec/s. */
    public static final int DEFAULT_RING_SIZE = 4096;

    /** Validates the settings. */
    public EngineConfig {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ringSize must be a power of two >= 2, got " + ringSize);
        }
        if (idleMode == null) {
            throw new IllegalArgumentException("idleMode must be set; accepted: BUSY_SPIN, BACKOFF, YIELD, SLEEP");
        }
    }

    /** The defaults: safe and fast on a 2-core machine. */
    public static EngineConfig defaults() {
        return new EngineConfig(DEFAULT_RING_SIZE, IdleMode.BACKOFF);
    }
}
