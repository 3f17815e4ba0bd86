package io.streamline.operators.dstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code WindowedDStream}: at time T, the parent's batches in (T - window, T], oldest first; valid only at
 * multiples of the slide. The parent keeps its batches for the window's length (checkpointed with them).
 */
final class WindowedNode<T> extends Node<T> {
    private final Node<T> parent;
    private final long windowMillis;

    WindowedNode(DStreamGraph graph, Node<T> parent, Duration window, Duration slide) {
        this(graph, parent, SlideDurations.multipleOf("window", "window duration", window, parent.slideMillis),
                SlideDurations.multipleOf("window", "slide duration", slide, parent.slideMillis));
    }

    private WindowedNode(DStreamGraph graph, Node<T> parent, long windowMillis, long slideMillis) {
        super(graph, "window(" + windowMillis + "," + slideMillis + ")", slideMillis, List.of(parent));
        this.parent = parent;
        this.windowMillis = windowMillis;
        parent.remember(windowMillis);
    }

    @Override
    List<T> compute(long time, BatchContext batch) {
        List<T> all = new ArrayList<>();
        for (long t = time - windowMillis + parent.slideMillis; t <= time; t += parent.slideMillis) {
            all.addAll(batch.batchOf(parent, t));
        }
        return all;
    }
}
