package io.streamline.engine.config;

import io.streamline.journal.JournalSettings;

import java.time.Duration;

/**
 * How the engine runs pipelines. Presets for common goals (latency, balanced, throughput, low CPU) and a
 * machine-tuned profile loader live in the {@code tuning} module; see {@code tuning/TUNING.md}.
 *
 * @param profile             name of the preset or profile these settings came from, shown by {@code explain()}
 * @param ringSize            slots per ring, a power of two
 * @param idleMode            what idle task threads do
 * @param pollBatch           records a task takes from one input per duty cycle: larger favours throughput,
 *                            smaller keeps one busy input from delaying the others
 * @param pinThreads          pin each task thread to a core of its own (OpenHFT affinity) where one is free
 * @param progressLogInterval how often a query's progress is logged at INFO (zero: every epoch or batch)
 * @param journal             how checkpoint journals roll their files (retention deletes whole files)
 */
public record EngineConfig(String profile, int ringSize, IdleMode idleMode, int pollBatch, boolean pinThreads,
                           Duration progressLogInterval, JournalSettings journal) {
    /** Small enough to stay in cache, large enough to absorb a sink's hiccup at 1M rec/s. */
    public static final int DEFAULT_RING_SIZE = 4096;
    /** A few microseconds of work per input and cycle at most. */
    public static final int DEFAULT_POLL_BATCH = 256;
    /** Spark logs every batch; with 100 ms epochs that floods a log, so once every 10 s by default. */
    public static final Duration DEFAULT_PROGRESS_LOG_INTERVAL = Duration.ofSeconds(10);

    /** Validates the settings. */
    public EngineConfig {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ringSize must be a power of two >= 2, got " + ringSize);
        }
        if (idleMode == null) {
            throw new IllegalArgumentException("idleMode must be set; accepted: BUSY_SPIN, BACKOFF, YIELD, SLEEP");
        }
        if (pollBatch < 1) {
            throw new IllegalArgumentException("pollBatch must be positive, got " + pollBatch);
        }
        if (journal == null) {
            throw new IllegalArgumentException("journal settings must be set, e.g. JournalSettings.defaults()");
        }
        if (progressLogInterval == null || progressLogInterval.isNegative()) {
            throw new IllegalArgumentException("progressLogInterval must be zero or positive, got " + progressLogInterval);
        }
    }

    /** The defaults ("balanced"): safe and fast on a 2-core machine. */
    public static EngineConfig defaults() {
        return new EngineConfig("balanced", DEFAULT_RING_SIZE, IdleMode.BACKOFF, DEFAULT_POLL_BATCH, false,
                DEFAULT_PROGRESS_LOG_INTERVAL, JournalSettings.defaults());
    }
}
