package io.streamline.operators.join;

import io.streamline.engine.DataStream;
import io.streamline.operators.TestQueries;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.StreamingQueryProgress.StateOperatorProgress;
import io.streamline.engine.source.MemoryStream;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A test query joining two {@link MemoryStream}s of {@link Ad} rows (both with a watermark of the given delay), where
 * every {@link #feed} is one epoch or batch; the output rows are collected.
 */
final class JoinQuery<O> implements AutoCloseable {
    /** An impression or click of an ad at an event time (epoch ms). */
    record Ad(String ad, long time) implements Serializable {
    }

    private final MemoryStream<Ad> left;
    private final MemoryStream<Ad> right;
    private final List<O> rows;
    private final StreamingQuery query;

    JoinQuery(StreamEngine engine, String mode, Path checkpoint, long delayMillis,
              BiFunction<DataStream<Ad>, DataStream<Ad>, DataStream<O>> join) {
        this(engine, new MemoryStream<>("impressions"), new MemoryStream<>("clicks"), new CopyOnWriteArrayList<>(), mode,
                checkpoint, delayMillis, join);
    }

    /**
     * A query reading the given streams and adding its output to {@code rows}: a query restarted on the same checkpoint
     * with the same streams and rows continues where the one before it stopped.
     */
    JoinQuery(StreamEngine engine, MemoryStream<Ad> left, MemoryStream<Ad> right, List<O> rows, String mode, Path checkpoint,
              long delayMillis, BiFunction<DataStream<Ad>, DataStream<Ad>, DataStream<O>> join) {
        this.left = left;
        this.right = right;
        this.rows = rows;
        DataStream<Ad> impressions = engine.readStream(left).withWatermark(Ad::time, Duration.ofMillis(delayMillis));
        DataStream<Ad> clicks = engine.readStream(right).withWatermark(Ad::time, Duration.ofMillis(delayMillis));
        query = join.apply(impressions, clicks).writeStream().foreachBatch((batch, id) -> rows.addAll(batch))
                .option("checkpointLocation", checkpoint.toString())
                .trigger(mode.equals("continuous") ? Trigger.continuous(Duration.ofHours(1)) : Trigger.processingTime(10))
                .start();
    }

    /** Adds impressions and clicks as one epoch or batch and waits until it committed. */
    JoinQuery<O> feed(List<Ad> impressions, List<Ad> clicks) {
        if (!impressions.isEmpty()) {
            left.addData(impressions.toArray(Ad[]::new));
        }
        if (!clicks.isEmpty()) {
            right.addData(clicks.toArray(Ad[]::new));
        }
        TestQueries.processAll(query);
        return this;
    }

    List<O> rows() {
        return rows;
    }

    long total(Function<StateOperatorProgress, Long> counter) {
        return TestQueries.total(query, counter);
    }

    long stateRows() {
        return TestQueries.stateRows(query);
    }

    StreamingQuery query() {
        return query;
    }

    @Override
    public void close() {
        query.stop();
    }
}
