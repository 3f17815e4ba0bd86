package io.streamline.engine.runtime;

import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;

/**
 * Runs one {@link Operator} inside a fused chain and, for a stateful one, checkpoints its state when the
 * epoch marker passes: the snapshot is taken exactly between the last record of epoch {@code e} and the
 * first of {@code e + 1}, which is what lets recovery restore state without counting a record twice.
 */
public final class OperatorNode implements Downstream, Output<Object> {
    private final Operator<Object, Object> operator;
    private final Downstream next;
    private final StateCheckpointer checkpointer;
    private final Envelope epochEndMeta = new Envelope();
    private RecordMeta current;

    /**
     * @param operator     the operator
     * @param next         the rest of the chain
     * @param checkpointer writes the operator's state on markers; {@code null} for a stateless operator
     */
    public OperatorNode(Operator<Object, Object> operator, Downstream next, StateCheckpointer checkpointer) {
        this.operator = operator;
        this.next = next;
        this.checkpointer = checkpointer;
    }

    @Override
    public void onRecord(Object value, RecordMeta meta) {
        current = meta;
        operator.process(value, meta, this);
    }

    @Override
    public void emit(Object value) {
        next.onRecord(value, current);
    }

    @Override
    public void onEpochMarker(long epoch) {
        epochEndMeta.setRecord(null, System.nanoTime(), RecordMeta.NO_EVENT_TIME, -1);
        current = epochEndMeta;
        operator.onEpochEnd(epoch, this);
        OperatorState state = operator.state();
        if (state != null) {
            checkpointer.checkpoint(epoch, state);
        }
        next.onEpochMarker(epoch);
    }

    @Override
    public void onWatermark(long watermark) {
        operator.onWatermark(watermark, this);
        next.onWatermark(watermark);
    }

    @Override
    public void onEnd() {
        next.onEnd();
    }
}
