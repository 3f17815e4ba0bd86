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
 * @param parallelism         instances of every keyed stateful operator ({@code groupByKey(...)} aggregations and
 *                            {@code KeyedStream.transform} operators), each on a thread of its own in continuous mode,
 *                            records routed to them by the hash of their key; 0 chooses from the machine's cores and
 *                            the source partitions ({@link #parallelismFor}). Spark's {@code spark.sql.shuffle.partitions}
 * @param keyGroups           how many key groups keyed state is split into (Flink's {@code maxParallelism}): a key's
 *                            group is a stable hash, each instance owns a contiguous range of groups, and a checkpoint
 *                            can be resumed with any parallelism up to this, but only with the same number of groups
 */
public record EngineConfig(String profile, int ringSize, IdleMode idleMode, int pollBatch, boolean pinThreads,
                           Duration progressLogInterval, JournalSettings journal, int parallelism, int keyGroups) {
    /** Small enough to stay in cache, large enough to absorb a sink's hiccup at 1M rec/s. */
    public static final int DEFAULT_RING_SIZE = 4096;
    /** A few microseconds of work per input and cycle at most. */
    public static final int DEFAULT_POLL_BATCH = 256;
    /** Spark logs every batch; with 100 ms epochs that floods a log, so once every 10 s by default. */
    public static final Duration DEFAULT_PROGRESS_LOG_INTERVAL = Duration.ofSeconds(10);
    /** Key groups by default: parallelism up to 128 later, and a per-group overhead nobody notices. */
    public static final int DEFAULT_KEY_GROUPS = 128;
    /** Most key groups: a snapshot entry carries its group in two bytes. */
    public static final int MAX_KEY_GROUPS = 32768;

    /** Validates the settings. */
    public EngineConfig {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ringSize must be a power of two >= 2, got " + ringSize);
        }
        if (idleMode == null) {
            throw new IllegalArgumentException("idleMode must be set; accepted: " + java.util.Arrays.toString(IdleMode.values()));
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
        if (keyGroups < 1 || keyGroups > MAX_KEY_GROUPS) {
            throw new IllegalArgumentException("keyGroups must be between 1 and " + MAX_KEY_GROUPS + ", got " + keyGroups);
        }
        if (parallelism < 0 || parallelism > keyGroups) {
            throw new IllegalArgumentException("parallelism must be 0 (chosen from the cores) or between 1 and keyGroups ("
                    + keyGroups + "), got " + parallelism + ": every instance owns at least one key group");
        }
    }

    /**
     * The parallelism of keyed operators when none is set, for a machine with {@code cores} cores reading
     * {@code sourcePartitions} partitions in continuous mode. Every source partition is a busy thread of its own,
     * and so is every instance; a thread handing records to another costs milliseconds at p99 whenever the two
     * share a core (bench/README.md), so instances get only the cores the sources leave, and at most half of all
     * cores (the rest are for sinks, the snapshot writer, GC and the JIT). On 2 cores that is 1: the fused
     * single-thread plan of earlier versions, which is the fastest there.
     */
    public static int parallelismFor(int cores, int sourcePartitions) {
        if (cores <= 2) {
            return 1;
        }
        return Math.max(1, Math.min(cores - Math.max(1, sourcePartitions), cores / 2));
    }

    /** This configuration with {@code n} instances per keyed operator (0: {@link #parallelismFor}). */
    public EngineConfig withParallelism(int n) {
        return new EngineConfig(profile, ringSize, idleMode, pollBatch, pinThreads, progressLogInterval, journal, n, keyGroups);
    }

    /** This configuration with keyed state split into {@code n} key groups. */
    public EngineConfig withKeyGroups(int n) {
        return new EngineConfig(profile, ringSize, idleMode, pollBatch, pinThreads, progressLogInterval, journal, parallelism, n);
    }

    /** The parallelism in force for a query reading {@code sourcePartitions} partitions on this machine. */
    public int effectiveParallelism(int sourcePartitions) {
        int chosen = parallelism > 0 ? parallelism : parallelismFor(Runtime.getRuntime().availableProcessors(), sourcePartitions);
        return Math.min(chosen, keyGroups);
    }

    /** The defaults ("balanced"): safe and fast on a 2-core machine. */
    public static EngineConfig defaults() {
        return new EngineConfig("balanced", DEFAULT_RING_SIZE, IdleMode.BACKOFF, DEFAULT_POLL_BATCH, false,
                DEFAULT_PROGRESS_LOG_INTERVAL, JournalSettings.defaults(), 0, DEFAULT_KEY_GROUPS);
    }
}
