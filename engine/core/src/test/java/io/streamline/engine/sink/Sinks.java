package io.streamline.engine.sink;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.RecordPosition;
import io.streamline.engine.runtime.Envelope;

/** Drives a sink writer the way the engine does: records with metadata, and each epoch's two phases in order. */
public final class Sinks {
    /** Metadata for records a test writes directly. */
    public static final RecordMeta META = new Envelope();

    private Sinks() {
    }

    /** A record's position as a value: the engine's sink node reuses one mutable instance instead. */
    private record Position(long epoch, int partition, long sequence) implements RecordPosition {
    }

    /**
     * Metadata of a record at {@code position (epoch, partition, sequence)}, as the engine's sink node gives it (a new
     * instance per call: tests may keep it).
     */
    public static RecordMeta positioned(long epoch, int partition, long sequence) {
        RecordPosition position = new Position(epoch, partition, sequence);
        return new RecordMeta() {
            @Override
            public long ingestNanos() {
                return System.nanoTime();
            }

            @Override
            public long eventTime() {
                return NO_EVENT_TIME;
            }

            @Override
            public long sourceOffset() {
                return sequence;
            }

            @Override
            public RecordPosition position() {
                return position;
            }
        };
    }

    /**
     * Writes the rows of keys {@code from} to {@code to} (as strings) as epoch {@code epoch}'s, each with the position
     * the engine would give it: sequence = key, as the query's rows are numbered from its first one, the same in a
     * replay.
     */
    public static void writeKeys(SinkWriter<? super String> writer, long epoch, long from, long to) {
        for (long k = from; k < to; k++) {
            writer.write(Long.toString(k), positioned(epoch, 0, k));
        }
    }

    /** Ends {@code epoch} as the engine does when it commits: prepare, persist, (commit record,) commit. */
    public static void commit(SinkWriter<?> writer, long epoch) throws Exception {
        EpochOutput output = writer.prepare(epoch);
        output.persist();
        output.commit();
    }
}
