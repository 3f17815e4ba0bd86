package io.streamline.operators.dstream;

import io.streamline.engine.source.SourceContext;
import io.streamline.engine.source.SourceOutput;
import io.streamline.engine.source.SourceReader;
import io.streamline.engine.source.StreamSource;

import java.util.Map;

/**
 * An input source of a {@link StreamingContext} whose batches the context's {@link RateController} limits: its
 * readers plan each batch at most the controller's limit past their offset (and within the source's own
 * {@code maxRecordsPerTrigger}); everything else is the source's. The engine sees the source's format, partitions
 * and offsets, so checkpoints are the same as without the limit.
 */
final class RateLimitedSource<T> implements StreamSource<T> {
    private final StreamSource<T> source;
    private final RateController rates;
    private final int input;

    RateLimitedSource(StreamSource<T> source, RateController rates, int input) {
        this.source = source;
        this.rates = rates;
        this.input = input;
        rates.register(input);
    }

    @Override
    public String format() {
        return source.format();
    }

    @Override
    public String description() {
        return source.description();
    }

    @Override
    public int partitions() {
        return source.partitions();
    }

    @Override
    public SourceReader<T> openPartition(int partition, String startOffset) {
        return new Reader(source.openPartition(partition, startOffset));
    }

    @Override
    public SourceReader<T> openPartition(int partition, String startOffset, SourceContext context) {
        return new Reader(source.openPartition(partition, startOffset, context));
    }

    @Override
    public boolean supportsMicroBatch() {
        return source.supportsMicroBatch();
    }

    @Override
    public Map<String, String> metrics() {
        return source.metrics();
    }

    @Override
    public long maxRecordsPerTrigger() {
        return source.maxRecordsPerTrigger();
    }

    @Override
    public Map<Integer, String> startOffsetsAfterRepartition(Map<Integer, String> committed) {
        return source.startOffsetsAfterRepartition(committed);
    }

    /** A partition's reader, planning batches within the controller's limit. */
    private final class Reader implements SourceReader<T> {
        private final SourceReader<T> reader;

        Reader(SourceReader<T> reader) {
            this.reader = reader;
        }

        @Override
        public String availableOffset(long maxRecords) {
            return reader.availableOffset(Math.min(maxRecords, rates.batchLimit(input, source.partitions())));
        }

        /** Everything there is, whatever the limits (processAllAvailable, a graceful stop). */
        @Override
        public String latestOffset() {
            return reader.latestOffset();
        }

        @Override
        public int poll(SourceOutput<T> out, int maxRecords) {
            return reader.poll(out, maxRecords);
        }

        @Override
        public String offset() {
            return reader.offset();
        }

        @Override
        public int pollUntil(SourceOutput<T> out, int maxRecords, String endOffset) {
            return reader.pollUntil(out, maxRecords, endOffset);
        }

        @Override
        public int compareOffsets(String a, String b) {
            return reader.compareOffsets(a, b);
        }

        @Override
        public void committed(String offset) {
            reader.committed(offset);
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
