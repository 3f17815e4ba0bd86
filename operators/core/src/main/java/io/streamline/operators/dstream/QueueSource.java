package io.streamline.operators.dstream;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.source.SourceOutput;
import io.streamline.engine.source.SourceReader;
import io.streamline.engine.source.StreamSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;

/**
 * The source of {@link StreamingContext#queueStream}: when a batch is planned it takes the next collection from the
 * application's queue (or all queued ones), or the default batch if the queue is empty, as Spark's
 * {@code QueueInputDStream}. What it took is kept for the life of the object, so a batch re-run within the process
 * reads the same records, and what a rate limit left behind is read by the next batches; the queue itself is not
 * checkpointed, so after the process ends its contents are gone, as in Spark (use an engine source that replays for
 * recovery).
 */
final class QueueSource<T> implements StreamSource<T> {
    private final Queue<? extends Collection<? extends T>> queue;
    private final boolean oneAtATime;
    /** What a batch that finds the queue empty reads; empty for none. */
    private final List<T> defaultBatch;
    /** Every record taken from the queue, in order; a record's offset is its index. Guarded by this. */
    private final List<T> taken = new ArrayList<>();

    QueueSource(Queue<? extends Collection<? extends T>> queue, boolean oneAtATime, Collection<? extends T> defaultBatch) {
        this.queue = queue;
        this.oneAtATime = oneAtATime;
        this.defaultBatch = List.copyOf(defaultBatch);
    }

    @Override
    public String format() {
        return "queue";
    }

    @Override
    public String description() {
        return "QueueStream[oneAtATime=" + oneAtATime + (defaultBatch.isEmpty() ? "" : ", default batch of " + defaultBatch.size()) + "]";
    }

    @Override
    public int partitions() {
        return 1;
    }

    @Override
    public boolean supportsMicroBatch() {
        return true;
    }

    /** Takes what the next batch reads from the queue; returns the offset past all records taken. */
    private synchronized long takeForBatch() {
        boolean found = false;
        synchronized (queue) {
            do {
                Collection<? extends T> next = queue.poll();
                if (next == null) {
                    break;
                }
                taken.addAll(next);
                found = true;
            } while (!oneAtATime);
        }
        if (!found) {
            taken.addAll(defaultBatch);
        }
        return taken.size();
    }

    private synchronized long size() {
        return taken.size();
    }

    private synchronized T get(long position) {
        return taken.get((int) position);
    }

    @Override
    public SourceReader<T> openPartition(int partition, String startOffset) {
        return new SourceReader<>() {
            private long next = startOffset == null ? 0 : Long.parseLong(startOffset);

            @Override
            public int poll(SourceOutput<T> out, int maxRecords) {
                return emitUntil(out, maxRecords, size());
            }

            @Override
            public String availableOffset(long maxRecords) {
                long end = Math.max(takeForBatch(), next);
                return Long.toString(maxRecords >= end - next ? end : next + maxRecords);
            }

            /** What was taken already: planning a catch-up must not take the next batch's collection. */
            @Override
            public String latestOffset() {
                return Long.toString(Math.max(size(), next));
            }

            @Override
            public int pollUntil(SourceOutput<T> out, int maxRecords, String endOffset) {
                return emitUntil(out, maxRecords, Long.parseLong(endOffset));
            }

            private int emitUntil(SourceOutput<T> out, int maxRecords, long end) {
                int n = (int) Math.max(0, Math.min(maxRecords, end - next));
                for (int i = 0; i < n; i++) {
                    out.emit(get(next), next, System.nanoTime(), RecordMeta.NO_EVENT_TIME);
                    next++;
                }
                return n;
            }

            @Override
            public String offset() {
                return Long.toString(next);
            }
        };
    }
}
