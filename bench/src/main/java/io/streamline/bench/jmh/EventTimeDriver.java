package io.streamline.bench.jmh;

import io.streamline.engine.DataStream;
import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorFactory;
import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.plan.TransformNode;
import io.streamline.engine.runtime.Envelope;
import io.streamline.engine.runtime.OperatorNode;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs the operator a query planned for a stream, alone, by an {@link OperatorNode} into a blackhole, with event time
 * advancing as in the event-time workloads: 100 records per millisecond (100,000 rec/s of event time), and every
 * 10,000 records (100 ms of event time) an epoch marker with the watermark (max event time - 1 s), after which the
 * epoch's state changes are taken and released as the checkpointer would hand them to its writer (the writer's
 * encoding, on its own thread in a query, is not measured).
 */
final class EventTimeDriver {
    /** Records per millisecond of event time: the workload's 100,000 rec/s. */
    private static final long RECORDS_PER_MILLI = 100;
    /** Records per epoch: 100 ms of event time. */
    private static final long RECORDS_PER_EPOCH = 100 * RECORDS_PER_MILLI;
    private static final long WATERMARK_DELAY_MILLIS = 1_000;

    private final Envelope meta = new Envelope();
    private final OperatorNode node;
    private Operator<Object, Object> operator;
    private long next;
    private long epoch;

    /** Runs the operator that planned {@code planned}, named {@code operatorId}, in {@code mode}. */
    EventTimeDriver(DataStream<?> planned, String operatorId, OutputMode mode, Blackhole blackhole)
            throws ReflectiveOperationException {
        @SuppressWarnings("unchecked")
        OperatorFactory<Object, Object> factory = (OperatorFactory<Object, Object>) plannedFactory(planned);
        node = OperatorNode.detached(operatorId, context -> operator = factory.create(context), mode,
                new BlackholeDownstream(blackhole));
    }

    /** The index of the next record, from 0. */
    long nextIndex() {
        return next;
    }

    /** Feeds the next record, {@code value}; every 10,000th also closes an epoch. */
    void record(Object value) {
        long i = next++;
        long eventTime = i / RECORDS_PER_MILLI;
        meta.setRecord(value, 0, eventTime, i);
        node.onRecord(value, meta);
        if ((i + 1) % RECORDS_PER_EPOCH == 0) {
            node.onEpochMarker(epoch++, eventTime - WATERMARK_DELAY_MILLIS);
            StateChanges changes = operator.state().takeChanges();
            if (changes != null) {
                changes.release();
            }
        }
    }

    /** The factory of the operator that planned {@code stream}: {@code DataStream.node()} is package-private. */
    private static OperatorFactory<?, ?> plannedFactory(DataStream<?> stream) throws ReflectiveOperationException {
        java.lang.reflect.Method node = DataStream.class.getDeclaredMethod("node");
        node.setAccessible(true);
        return ((TransformNode) node.invoke(stream)).factory();
    }
}
