package io.streamline.operators.dstream;

import io.streamline.engine.sink.ForeachBatchFunction;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DStream query's sink function: runs the output operations of each batch, in registration order, with what the
 * graph's operator emitted for them, before the batch commits; tells the rate controller the batch is processed; and
 * notes which batch time each engine batch was, for the listeners that hear of the commit.
 */
final class OutputDispatcher implements ForeachBatchFunction<Object> {
    private final List<DStreamGraph.Output<?>> outputs;
    private final RateController rates;
    private final Map<Long, GraphOperator.BatchEnd> batches = new ConcurrentHashMap<>();

    OutputDispatcher(List<DStreamGraph.Output<?>> outputs, RateController rates) {
        this.outputs = outputs;
        this.rates = rates;
    }

    @Override
    public void call(List<Object> rows, long batchId) throws Exception {
        for (Object row : rows) {
            if (row instanceof GraphOperator.OutputBatch batch) {
                run(outputs.get(batch.output()), batch.rows(), new Time(batch.timeMillis()));
            } else if (row instanceof GraphOperator.BatchEnd end) { // emitted last: the outputs before it have run
                rates.batchCompleted(end);
                batches.put(batchId, end);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void run(DStreamGraph.Output<T> output, List<?> rows, Time time) throws Exception {
        try {
            output.operation().run((List<T>) rows, time);
        } catch (Exception e) {
            throw new IllegalStateException("output operation " + output.operation().describe() + " failed for the batch at "
                    + time + ": " + e, e);
        }
    }

    /** The batch engine batch {@code batchId} ran, once its outputs ran; removed, as it is asked for once. */
    Optional<GraphOperator.BatchEnd> takeBatch(long batchId) {
        return Optional.ofNullable(batches.remove(batchId));
    }
}
