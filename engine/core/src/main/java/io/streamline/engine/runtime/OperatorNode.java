package io.streamline.engine.runtime;

import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorFactory;
import io.streamline.engine.operator.RecordMeta;

import java.util.List;

/**
 * Runs one single-input {@link Operator} inside a fused chain. For a stateful operator the snapshot is taken
 * exactly between the last record of epoch {@code e} and the first of {@code e + 1}, which is what lets recovery
 * restore state without counting a record twice.
 */
public final class OperatorNode implements Downstream {
    private final Operator<Object, Object> operator;
    private final OperatorHost host;
    private final Downstream next;
    private final long[] watermark = new long[1];

    /**
     * @param operator the operator, bound to {@code host}
     * @param host     its context and output, connected to {@code next}
     * @param next     the rest of the chain
     */
    public OperatorNode(Operator<Object, Object> operator, OperatorHost host, Downstream next) {
        this.operator = operator;
        this.host = host;
        this.next = next;
    }

    /**
     * An operator run outside any query (benchmarks, tests of an operator alone): epochs start at time 0, nothing is
     * reported or checkpointed.
     */
    @SuppressWarnings("unchecked")
    public static OperatorNode detached(String operatorId, OperatorFactory<?, ?> factory, OutputMode mode, Downstream next) {
        OperatorHost host = OperatorHost.detached(operatorId, mode);
        Operator<Object, Object> operator = (Operator<Object, Object>) factory.create(host);
        host.bind(operator);
        host.connect(next, List.of());
        return new OperatorNode(operator, host, next);
    }

    @Override
    public void onRecord(Object value, RecordMeta meta) {
        host.beforeRecord(meta);
        operator.process(value, meta, host);
    }

    @Override
    public void onEpochMarker(long epoch, long watermark) {
        this.watermark[0] = watermark;
        host.onMarker(epoch, this.watermark);
    }

    @Override
    public void onEnd() {
        next.onEnd();
    }
}
