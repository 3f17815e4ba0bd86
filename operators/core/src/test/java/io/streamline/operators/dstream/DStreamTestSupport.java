package io.streamline.operators.dstream;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.clock.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;

/**
 * A context on a {@link ManualClock} with 1 s batches starting at time 0 (so batch k runs at k * 1000 ms), an
 * engine per test, and helpers that collect every batch of a DStream by its time.
 */
abstract class DStreamTestSupport {
    static final Duration SECOND = Duration.ofSeconds(1);

    final StreamEngine engine = StreamEngine.create();
    final ManualClock clock = new ManualClock();
    StreamingContext ssc = new StreamingContext(engine, SECOND, clock);

    @TempDir
    Path dir;

    @AfterEach
    void stopEverything() {
        ssc.stop();
        engine.close();
    }

    /** A queue holding {@code batches}, one collection per batch. */
    @SafeVarargs
    static <T> Queue<List<T>> queueOf(List<T>... batches) {
        return new ArrayDeque<>(List.of(batches));
    }

    /** Every batch of {@code stream}, by batch time in ms; filled on the sink's thread. */
    static <T> Map<Long, List<T>> collect(DStream<T> stream) {
        Map<Long, List<T>> batches = java.util.Collections.synchronizedMap(new TreeMap<>());
        stream.foreachRDD((rdd, time) -> batches.put(time.milliseconds(), new ArrayList<>(rdd)));
        return batches;
    }

    /** The batches at 1000, 2000, ... ms as a list. */
    static <T> List<List<T>> inOrder(Map<Long, List<T>> batches) {
        synchronized (batches) {
            return new ArrayList<>(batches.values());
        }
    }

    static <K, V> Tuple2<K, V> t(K k, V v) {
        return new Tuple2<>(k, v);
    }
}
