package io.streamline.bench.peers.flink;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.util.List;

/**
 * An unbounded open-loop generator on Flink's Source API (the legacy {@code SourceFunction} is gone in
 * Flink 2): one split, read by a {@link PacedReader} that stamps each record with its intended send time.
 * Flink's own {@code DataGeneratorSource} is not used because its rate limiter sleeps and its records carry
 * no intended time, so a stall would hide itself (coordinated omission).
 */
public final class PacedSource implements Source<Stamped, SequenceSplit, List<SequenceSplit>> {
    private static final long serialVersionUID = 1L;

    private final long ratePerSecond;

    /** @param ratePerSecond records per second, positive */
    public PacedSource(long ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<SequenceSplit, List<SequenceSplit>> createEnumerator(SplitEnumeratorContext<SequenceSplit> context) {
        return new SequenceEnumerator(context, List.of(new SequenceSplit(0)));
    }

    @Override
    public SplitEnumerator<SequenceSplit, List<SequenceSplit>> restoreEnumerator(
            SplitEnumeratorContext<SequenceSplit> context, List<SequenceSplit> pending) {
        return new SequenceEnumerator(context, pending);
    }

    @Override
    public SimpleVersionedSerializer<SequenceSplit> getSplitSerializer() {
        return SequenceSplit.Serializer.ofSplit();
    }

    @Override
    public SimpleVersionedSerializer<List<SequenceSplit>> getEnumeratorCheckpointSerializer() {
        return SequenceSplit.Serializer.ofList();
    }

    @Override
    public SourceReader<Stamped, SequenceSplit> createReader(SourceReaderContext context) {
        return new PacedReader(ratePerSecond);
    }
}
