package io.streamline.engine.source;

import io.streamline.engine.connector.SourceProvider;
import io.streamline.engine.config.Options;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Spark's {@code rate} source: {@code rowsPerSecond} rows per second, optionally ramping up linearly over
 * {@code rampUpTime}, spread over {@code numPartitions} partitions. Partition {@code p} of {@code n} emits
 * values {@code p, p+n, p+2n, ...}; its offset is how many rows it has emitted, so a restart replays exactly. A row's
 * {@code timestamp} is its event time ({@code withWatermark(delay)} uses it).
 * {@code maxRecordsPerTrigger} limits micro-batches. Unlike Spark's, it paces precisely at any rate: each row is due at an exact instant, emitted when its
 * instant has passed and stamped with it as ingest time, so any stall shows up as latency.
 */
public final class RateSource extends RecordLimitedSource<RateRow> {
    /** Options this source accepts. */
    public static final Set<String> OPTIONS = Set.of("rowsPerSecond", "rampUpTime", "numPartitions", "maxRecordsPerTrigger");

    private final long rowsPerSecond;
    private final Duration rampUpTime;
    private final int numPartitions;

    /**
     * @param rowsPerSecond        rows per second over all partitions, positive
     * @param rampUpTime           time to reach full rate, zero for none
     * @param numPartitions        partitions, positive
     * @param maxRecordsPerTrigger micro-batch limit over all partitions
     */
    public RateSource(long rowsPerSecond, Duration rampUpTime, int numPartitions, long maxRecordsPerTrigger) {
        super(maxRecordsPerTrigger);
        this.rowsPerSecond = rowsPerSecond;
        this.rampUpTime = rampUpTime;
        this.numPartitions = numPartitions;
    }

    /** Builds the source from string options, failing with a message that names a bad option. */
    public static RateSource fromOptions(Options options) {
        options.requireOnly(OPTIONS);
        return new RateSource(
                options.positiveLong("rowsPerSecond", 1),
                options.duration("rampUpTime", Duration.ZERO),
                (int) options.positiveLong("numPartitions", 1),
                options.positiveLong("maxRecordsPerTrigger", Long.MAX_VALUE));
    }

    @Override
    public String format() {
        return "rate";
    }

    @Override
    public String description() {
        return "RateSource[rowsPerSecond=" + rowsPerSecond + ", rampUpTimeSeconds=" + rampUpTime.toSeconds()
                + ", numPartitions=" + numPartitions + "]";
    }

    @Override
    public int partitions() {
        return numPartitions;
    }


    /**
     * Refuses any change: a row's value is {@code partition + position * numPartitions}, so with another count the
     * values already delivered and those to come would overlap and leave gaps (Spark's continuous rate source
     * refuses too).
     */
    @Override
    public Map<Integer, String> startOffsetsAfterRepartition(Map<Integer, String> committed) {
        throw new IllegalArgumentException("Option 'numPartitions' of source 'rate' is " + numPartitions + ", but the"
                + " checkpoint's last commit has offsets for " + committed.size() + " partition(s) " + new TreeSet<>(committed.keySet())
                + ": the rate source numbers its rows partition + position * numPartitions, so a query cannot go on with"
                + " another count; accepted: numPartitions=" + committed.size() + " with this checkpoint, or any count with a"
                + " new checkpointLocation");
    }

    @Override
    public SourceReader<RateRow> openPartition(int partition, String startOffset) {
        return new Reader(partition, startOffset);
    }

    /** Partitions share the rate equally; each paces against its own start instant. */
    private final class Reader extends CountingReader<RateRow> {
        private final int partition;
        private final long startNanos = System.nanoTime();
        private final long startMillis = System.currentTimeMillis();
        private final double rowsPerNano = (double) rowsPerSecond / numPartitions / 1e9;
        private final double rampNanos = rampUpTime.toNanos();
        private final long resumedAt;

        Reader(int partition, String startOffset) {
            super(startOffset);
            this.partition = partition;
            this.resumedAt = Long.parseLong(offset());
        }

        @Override
        protected long available() {
            return resumedAt + rowsDueAfter(System.nanoTime() - startNanos);
        }

        @Override
        protected void emit(SourceOutput<RateRow> out, long position) {
            long dueNanos = dueNanosOf(position - resumedAt);
            long timestamp = startMillis + dueNanos / 1_000_000;
            // The row's timestamp is its event time, as Spark's rate source's timestamp column is.
            out.emit(new RateRow(timestamp, partition + position * numPartitions), position, startNanos + dueNanos, timestamp);
        }

        /**
         * Rows whose due instant is at or before {@code elapsedNanos} (row 0 is due at once): a linear ramp
         * from 0 to full rate, then full rate.
         */
        private long rowsDueAfter(long elapsedNanos) {
            if (elapsedNanos < rampNanos) {
                return (long) (rowsPerNano * elapsedNanos * elapsedNanos / (2 * rampNanos)) + 1;
            }
            return (long) (rowsPerNano * (elapsedNanos - rampNanos / 2)) + 1;
        }

        /** Inverse of {@link #rowsDueAfter}: the instant (since start) the {@code k}-th row is due. */
        private long dueNanosOf(long k) {
            double rampRows = rowsPerNano * rampNanos / 2;
            if (k < rampRows) {
                return (long) Math.sqrt(2 * rampNanos * k / rowsPerNano);
            }
            return (long) ((k - rampRows) / rowsPerNano + rampNanos);
        }
    }

    @Override
    public String toString() {
        return description();
    }


    /** Registers format {@code "rate"} for {@code readStream().format(...)}. */
    public static final class Provider implements SourceProvider {
        @Override
        public String format() {
            return "rate";
        }

        @Override
        public StreamSource<?> create(Options options) {
            return fromOptions(options);
        }
    }
}
