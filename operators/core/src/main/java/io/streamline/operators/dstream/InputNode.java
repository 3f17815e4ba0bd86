package io.streamline.operators.dstream;

import java.util.List;

/** An input DStream: the records one engine source delivered in the batch. */
final class InputNode<T> extends Node<T> {
    private final int input;

    InputNode(DStreamGraph graph, String name, long batchMillis, int input) {
        super(graph, name, batchMillis, List.of());
        this.input = input;
    }

    @Override
    @SuppressWarnings("unchecked")
    List<T> compute(long time, BatchContext batch) {
        return (List<T>) batch.input(input);
    }
}
