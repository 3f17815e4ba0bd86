package io.streamline.engine.runtime;

import io.streamline.engine.epoch.EpochListener;
import io.streamline.engine.epoch.EventTimeStats;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.Watermarks;

import java.util.function.ToLongFunction;

/**
 * One instance of {@code withWatermark}, fused into its input's chain: stamps every record with its event time
 * and, with each epoch marker, passes on the watermark {@code largest event time seen - delay} in place of any
 * watermark from upstream. Downstream fan-ins take the largest over the instances of one {@code withWatermark},
 * so the query's watermark is Spark's: the maximum event time over all partitions minus the delay, advanced only
 * at epoch boundaries. Event times are epoch milliseconds; a record without one, or with a negative one, stops
 * the query with an error naming the record.
 */
public final class EventTimeWatermarkNode implements Downstream {
    private final String nodeId;
    private final ToLongFunction<Object> eventTime;
    private final long delayMillis;
    private final Downstream next;
    private final EpochListener listener;
    private final Envelope stamped = new Envelope();
    private long maxSeen = Watermarks.NONE;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private double sum;
    private long count;

    /**
     * @param nodeId      the node's id in commit records
     * @param eventTime   the record's event time, or {@code null} to take the one its source stamped
     * @param delayMillis how late an event may be, at least 0
     * @param next        the rest of the chain
     * @param listener    receives each epoch's event-time statistics and watermark
     */
    public EventTimeWatermarkNode(String nodeId, ToLongFunction<Object> eventTime, long delayMillis, Downstream next,
                                  EpochListener listener) {
        this.nodeId = nodeId;
        this.eventTime = eventTime;
        this.delayMillis = delayMillis;
        this.next = next;
        this.listener = listener;
    }

    /** Recovery: the watermark passed on at the last committed marker, so the next one is never lower. */
    public void restoreWatermark(long watermark) {
        if (Watermarks.isTime(watermark)) {
            maxSeen = watermark + delayMillis;
        }
    }

    @Override
    public void onRecord(Object value, RecordMeta meta) {
        long t = eventTimeOf(value, meta);
        if (t > maxSeen) {
            maxSeen = t;
        }
        min = Math.min(min, t);
        max = Math.max(max, t);
        sum += t;
        count++;
        stamped.setRecord(value, meta.ingestNanos(), t, meta.sourceOffset());
        next.onRecord(value, stamped);
    }

    private long eventTimeOf(Object value, RecordMeta meta) {
        long t;
        if (eventTime == null) {
            t = meta.eventTime();
            if (t == RecordMeta.NO_EVENT_TIME) {
                throw new IllegalArgumentException("withWatermark without an event-time function needs event times from"
                        + " the source, but record '" + value + "' has none; give withWatermark a function returning the"
                        + " record's event time in epoch milliseconds");
            }
        } else {
            try {
                t = eventTime.applyAsLong(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("withWatermark: the event-time function failed for record '" + value
                        + "': " + e, e);
            }
        }
        if (t < 0) {
            throw new IllegalArgumentException("withWatermark: the event time of record '" + value + "' is " + t
                    + "; event times are epoch milliseconds, 0 or more");
        }
        return t;
    }

    @Override
    public void onEpochMarker(long epoch, long upstreamWatermark) {
        long watermark = maxSeen == Watermarks.NONE ? Watermarks.NONE : maxSeen - delayMillis;
        listener.eventTimeObserved(nodeId, epoch, count == 0 ? EventTimeStats.EMPTY : new EventTimeStats(min, max, sum, count),
                watermark);
        min = Long.MAX_VALUE;
        max = Long.MIN_VALUE;
        sum = 0;
        count = 0;
        next.onEpochMarker(epoch, watermark);
    }

    @Override
    public void onEnd() {
        next.onEnd();
    }
}
