package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;

/**
 * The way from an upstream chain into a fan-in running on the same thread: one of the fan-in's aligned inputs, whose
 * records go straight into the fan-in's chain (no ring) and whose markers and end go to its {@link MarkerAligner} like
 * a ring's. The planner uses it when a key-partitioned exchange's instance shares the task of one source partition
 * (as many instances as partitions): records whose key the partition's own instance owns then cross no thread, and
 * the query runs one thread per partition instead of two.
 *
 * <p>While the aligner holds this input (its marker came first), the producer must not read further: the
 * {@link SourceInput} of the task asks {@link #isHeld()} before it reads.
 */
public final class LocalInput implements Downstream {
    private final Downstream records;
    private MarkerAligner aligner;
    private int index = -1;

    /** @param records the fan-in's chain */
    public LocalInput(Downstream records) {
        this.records = records;
    }

    /** Joins the fan-in's alignment as input {@code index}; called once, when the fan-in's inputs are all known. */
    public void bind(MarkerAligner aligner, int index) {
        this.aligner = aligner;
        this.index = index;
    }

    /** Whether the producer must wait: this input delivered its marker (or ended) and the others have not caught up. */
    public boolean isHeld() {
        return aligner.isHeld(index);
    }

    @Override
    public void onRecord(Object value, RecordMeta meta) {
        records.onRecord(value, meta);
    }

    @Override
    public void onKeyedLong(Object key, long value, RecordMeta meta) {
        records.onKeyedLong(key, value, meta);
    }

    @Override
    public void onEpochMarker(long epoch, long watermark) {
        aligner.onMarker(index, epoch, watermark);
    }

    @Override
    public void onEnd() {
        aligner.onEnd(index);
    }
}
