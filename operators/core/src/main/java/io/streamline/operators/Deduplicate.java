package io.streamline.operators;

import io.streamline.engine.DataStream;
import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.OperatorTraits;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.Watermarks;
import io.streamline.engine.state.NamespacedState;

import java.util.function.Function;

/**
 * Spark's {@code dropDuplicates} and {@code dropDuplicatesWithinWatermark}: passes the first record of every key and
 * drops the rest. The keys seen are keyed state, checkpointed at every epoch or batch and split by key over the
 * operator's instances.
 *
 * <ul>
 *   <li>{@link #by}: keys are kept forever, so the state grows with the number of distinct keys. On a stream with a
 *       watermark, a record whose event time is at or below it is dropped as late (counted as
 *       {@code numRowsDroppedByWatermark}).</li>
 *   <li>{@link #byKeyAndEventTime}: the key includes the record's event time, as Spark's
 *       {@code dropDuplicates("id", "eventTime")}; with a watermark, late records are dropped and a key is forgotten
 *       once the watermark reaches its event time, which bounds the state.</li>
 *   <li>{@link #withinWatermark}: a key is remembered from its first record until the watermark passes that record's
 *       event time plus the watermark's delay; a duplicate arriving later is passed again, as in Spark. Needs a
 *       watermark.</li>
 * </ul>
 *
 * What a crash does: in micro-batch mode the committed output holds each key once (a re-run batch starts from the
 * state of the last commit and its output replaces the uncommitted attempt). In continuous mode delivery is
 * at-least-once: records after the last commit are read again after a restart, and since the restored state does not
 * hold their keys, they pass a second time; the state itself counts every key once.
 *
 * <pre>{@code stream.withWatermark(Event::time, "10 minutes").via(Deduplicate.withinWatermark(Event::id))}</pre>
 *
 * @param <T> record type
 * @param <K> key type (a String, boxed primitive or Serializable type, so it can be checkpointed)
 */
public final class Deduplicate<T, K> implements Operator<T, T> {
    /** When a key seen is forgotten. */
    private enum Expiry {
        /** Never. */
        NEVER,
        /** When the watermark reaches the key's event time, which is part of the key. */
        EVENT_TIME,
        /** When the watermark reaches the first event time of the key plus the watermark's delay. */
        WITHIN_WATERMARK
    }

    /** The namespace of keys that are never forgotten. */
    private static final Long FOREVER = Long.MAX_VALUE;

    private final OperatorContext context;
    private final Function<? super T, ? extends K> keyFn;
    private final Expiry expiry;
    /** Keys seen, in the namespace of the time they are forgotten at (or their event time, for EVENT_TIME). */
    private final NamespacedState<K, Long, Boolean> seen = new NamespacedState<>();

    private Deduplicate(OperatorContext context, Function<? super T, ? extends K> keyFn, Expiry expiry) {
        this.context = context;
        this.keyFn = keyFn;
        this.expiry = expiry;
    }

    /** Spark's {@code dropDuplicates(key)}: records whose key was seen before are dropped; the state grows with the keys. */
    public static <T, K> Function<DataStream<T>, DataStream<T>> by(Function<? super T, ? extends K> keyFn) {
        return of("dropDuplicates", keyFn, Expiry.NEVER, OperatorTraits.plain());
    }

    /** Spark's {@code dropDuplicates()} over whole records: records equal to one seen before are dropped. */
    public static <T> Function<DataStream<T>, DataStream<T>> records() {
        return by(Function.identity());
    }

    /**
     * Spark's {@code dropDuplicates(key, eventTime)}: a record is a duplicate if one with the same key and the same
     * event time was seen; with a watermark, late records are dropped and keys are forgotten once the watermark
     * reaches their event time.
     */
    public static <T, K> Function<DataStream<T>, DataStream<T>> byKeyAndEventTime(Function<? super T, ? extends K> keyFn) {
        return of("dropDuplicatesWithEventTime", keyFn, Expiry.EVENT_TIME, OperatorTraits.plain().stateful());
    }

    /**
     * Spark's {@code dropDuplicatesWithinWatermark(key)}: a record is a duplicate if its key was first seen at an
     * event time {@code t} and the watermark has not yet passed {@code t + delay}, the delay of the stream's
     * {@code withWatermark}. Refused at {@code start()} without a watermark.
     */
    public static <T, K> Function<DataStream<T>, DataStream<T>> withinWatermark(Function<? super T, ? extends K> keyFn) {
        String rule = "dropDuplicatesWithinWatermark is not supported on a stream without a watermark: a key is"
                + " remembered until the watermark passes its event time plus the delay, so call withWatermark(eventTimeFn,"
                + " delay) before it";
        OperatorTraits traits = OperatorTraits.plain().stateful();
        for (OutputMode mode : OutputMode.values()) {
            traits = traits.refuseWithoutWatermark(mode, rule);
        }
        return of("dropDuplicatesWithinWatermark", keyFn, Expiry.WITHIN_WATERMARK, traits);
    }

    private static <T, K> Function<DataStream<T>, DataStream<T>> of(String name, Function<? super T, ? extends K> keyFn,
                                                                      Expiry expiry, OperatorTraits traits) {
        return stream -> stream.groupByKey(keyFn).transform(name, context -> new Deduplicate<T, K>(context, keyFn, expiry), traits);
    }

    @Override
    public void process(T value, RecordMeta meta, Output<T> out) {
        long eventTime = meta.eventTime();
        long watermark = context.currentWatermark();
        if (Watermarks.isTime(watermark) && eventTime != RecordMeta.NO_EVENT_TIME && eventTime <= watermark) {
            context.metrics().rowsDroppedByWatermark(1);
            return;
        }
        K key = keyFn.apply(value);
        Long namespace = switch (expiry) {
            case NEVER -> seen.namespacesOf(key).isEmpty() ? FOREVER : null;
            case EVENT_TIME -> seen.get(key, requireEventTime(eventTime, value)) == null ? eventTime : null;
            case WITHIN_WATERMARK -> seen.namespacesOf(key).isEmpty()
                    ? requireEventTime(eventTime, value) + context.watermarkDelayMillis() : null;
        };
        if (namespace != null) {
            seen.put(key, namespace, Boolean.TRUE);
            context.metrics().rowsUpdated(1);
            out.emit(value);
        }
    }

    private long requireEventTime(long eventTime, T value) {
        if (eventTime == RecordMeta.NO_EVENT_TIME) {
            throw new IllegalStateException("Operator " + context.operatorId() + " needs the event time of the record "
                    + value + ": call withWatermark(eventTimeFn, delay) before it");
        }
        return eventTime;
    }

    @Override
    public void onWatermark(long watermark, Output<T> out) {
        if (expiry != Expiry.NEVER) {
            seen.evictUpTo(watermark, true, (key, forgetAt, v) -> context.metrics().rowsRemoved(1));
        }
    }

    @Override
    public OperatorState state() {
        return seen;
    }
}
