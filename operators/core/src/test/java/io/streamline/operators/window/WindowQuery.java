package io.streamline.operators.window;

import io.streamline.engine.DataStream;
import io.streamline.operators.TestQueries;
import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.progress.StreamingQueryProgress.StateOperatorProgress;
import io.streamline.engine.source.MemoryStream;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A test query over a {@link MemoryStream} of {@link Event}s, in continuous or micro-batch mode, where each
 * {@link #feed} is one epoch or batch (a long epoch interval, so epochs end only when {@code processAllAvailable}
 * asks), with every batch's rows kept as {@code foreachBatch} received them.
 */
final class WindowQuery<R> implements AutoCloseable {
    /** A test event: a word, its event time (epoch ms) and a number to aggregate. */
    record Event(String word, long time, long value) implements Serializable {
        static Event of(String word, long time) {
            return new Event(word, time, 1);
        }
    }

    private final MemoryStream<Event> input;
    private final StreamingQuery query;
    private final List<List<R>> batches = new CopyOnWriteArrayList<>();

    WindowQuery(StreamEngine engine, MemoryStream<Event> input, String mode, String outputMode, Path checkpoint,
                Function<DataStream<Event>, DataStream<R>> pipeline) {
        this.input = input;
        this.query = pipeline.apply(engine.readStream(input)).writeStream()
                .foreachBatch((rows, id) -> batches.add(List.copyOf(rows)))
                .outputMode(outputMode)
                .option("checkpointLocation", checkpoint.toString())
                .trigger(trigger(mode))
                .start();
    }

    static Trigger trigger(String mode) {
        return mode.equals("continuous") ? Trigger.continuous(Duration.ofHours(1)) : Trigger.processingTime(Duration.ofMillis(10));
    }

    /** Adds one epoch's or batch's events and waits until they (and a batch moving only the watermark) committed. */
    WindowQuery<R> feed(Event... events) {
        input.addData(events);
        TestQueries.processAll(query);
        return this;
    }

    /** Every row emitted, in order. */
    List<R> rows() {
        List<R> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    /** The batches' rows, empty batches included. */
    List<List<R>> batches() {
        return batches;
    }

    /** The latest value of every key: the result table of update mode. */
    @SuppressWarnings("unchecked")
    <K, V> Map<K, V> table() {
        Map<K, V> table = new TreeMap<>(WindowQuery::compareKeys);
        for (R row : rows()) {
            KeyValue<K, V> kv = (KeyValue<K, V>) row;
            table.put(kv.key(), kv.value());
        }
        return table;
    }

    /** The rows of the last non-empty batch: complete mode's result table. */
    @SuppressWarnings("unchecked")
    <K, V> Map<K, V> lastTable() {
        Map<K, V> table = new TreeMap<>(WindowQuery::compareKeys);
        for (int i = batches.size() - 1; i >= 0; i--) {
            if (!batches.get(i).isEmpty()) {
                batches.get(i).forEach(row -> table.put(((KeyValue<K, V>) row).key(), ((KeyValue<K, V>) row).value()));
                break;
            }
        }
        return table;
    }

    private static int compareKeys(Object a, Object b) {
        return a.toString().compareTo(b.toString());
    }

    /** The sum of one stateful-operator counter over every progress report. */
    long total(Function<StateOperatorProgress, Long> counter) {
        return TestQueries.total(query, counter);
    }

    /** The stateful operators' entries of the last progress report. */
    List<StateOperatorProgress> lastStateOperators() {
        return query.lastProgress().stateOperators();
    }

    StreamingQueryProgress lastProgress() {
        return query.lastProgress();
    }

    StreamingQuery query() {
        return query;
    }

    @Override
    public void close() {
        query.stop();
    }
}
