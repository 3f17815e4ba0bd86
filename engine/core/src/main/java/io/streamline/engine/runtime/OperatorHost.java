package io.streamline.engine.runtime;

import io.streamline.engine.OutputMode;
import io.streamline.engine.epoch.EpochClock;
import io.streamline.engine.epoch.EpochListener;
import io.streamline.engine.operator.BoundaryCallbacks;
import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.OperatorMetrics;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.TimeDomain;
import io.streamline.engine.operator.TimerService;
import io.streamline.engine.operator.Watermarks;

import java.util.Arrays;
import java.util.List;

/**
 * Hosts one operator instance in a fused chain: its {@link OperatorContext}, the {@link Output} its results go
 * through, and what happens at epoch boundaries (timers, watermark, epoch end, checkpoint), shared by single- and
 * two-input operators.
 *
 * <p>Results emitted while a record is processed carry that record's metadata; results emitted at a boundary
 * carry metadata of the host's own, stamped at the boundary, so they never point into a ring slot the producer
 * has since reused.
 *
 * <p>Watermarks arrive with markers. In continuous mode the watermark a marker carries takes effect at that
 * marker, before the epoch ends; in micro-batch mode it takes effect at the start of the next batch (before its
 * first record, or at its marker if it has none), as Spark runs each batch with the watermark of the batches
 * before it. Either way every record of an epoch is judged against the watermark of the epochs before it.
 */
public final class OperatorHost implements OperatorContext, Output<Object> {
    /** Ends the id of an operator's timers in the journal: {@code <operatorId>.timers}. */
    public static final String TIMERS_SUFFIX = ".timers";

    /** One checkpointed part of the operator: its own state, or its timers. */
    public record CheckpointedState(String stateId, OperatorState state, StateCheckpointer checkpointer) {
    }

    private final String operatorId;
    private final String stateId;
    private final OutputMode outputMode;
    private final boolean microBatch;
    private final int instance;
    private final int parallelism;
    private final EpochClock clock;
    private final EpochListener listener;
    private final OperatorMetrics metrics = new OperatorMetrics();
    private final Envelope own = new Envelope();
    private final Envelope stamped = new Envelope();
    private final long[] inputWatermarks;
    private final long[] pendingWatermarks;
    private BoundaryCallbacks<Object> callbacks;
    private Downstream next;
    private List<CheckpointedState> states = List.of();
    private TimerRegistry timers;
    private boolean planned;
    private RecordMeta current = own;
    private long epoch;
    private long epochMillis;
    private long watermark = Watermarks.NONE;
    private boolean boundaryPending;
    private long watermarkDelayMillis = -1;
    /** The earliest processing-time timer as of the last boundary, for a micro-batch driver deciding to run a batch. */
    private volatile long nextProcessingTimer = Long.MAX_VALUE;
    /** Records this instance took in the current epoch, for the skew in progress reports. */
    private long inputRows;

    /**
     * @param operatorId  id in checkpoints and reports
     * @param outputMode  the query's output mode
     * @param microBatch  whether the query runs micro-batches
     * @param instance    this instance's number
     * @param parallelism the operator's number of instances
     * @param inputs      1, or 2 for a two-input operator
     * @param firstEpoch  the epoch of the first record this instance will see
     * @param clock       epoch start times
     * @param listener    receives the instance's boundary reports
     */
    public OperatorHost(String operatorId, OutputMode outputMode, boolean microBatch, int instance, int parallelism,
                        int inputs, long firstEpoch, EpochClock clock, EpochListener listener) {
        this(operatorId, operatorId, outputMode, microBatch, instance, parallelism, inputs, firstEpoch, clock, listener);
    }

    /**
     * A host whose states are checkpointed under {@code stateId} rather than the operator's id: each instance of a
     * keyed operator with several instances has its own ({@code <operatorId>_<instance>}), while its reports and
     * watermark stay the operator's.
     */
    public OperatorHost(String operatorId, String stateId, OutputMode outputMode, boolean microBatch, int instance,
                        int parallelism, int inputs, long firstEpoch, EpochClock clock, EpochListener listener) {
        this.operatorId = operatorId;
        this.stateId = stateId;
        this.outputMode = outputMode;
        this.microBatch = microBatch;
        this.instance = instance;
        this.parallelism = parallelism;
        this.clock = clock;
        this.listener = listener;
        this.inputWatermarks = new long[inputs];
        this.pendingWatermarks = new long[inputs];
        Arrays.fill(inputWatermarks, Watermarks.NONE);
        Arrays.fill(pendingWatermarks, Watermarks.NONE);
        this.epoch = firstEpoch;
        // Micro-batch: the first batch's time is logged only when it is planned, so it is read when the batch starts.
        this.boundaryPending = microBatch;
        if (!microBatch) {
            this.epochMillis = clock.epochStartMillis(firstEpoch);
        }
    }

    /** A host outside any query: epochs start at time 0, and nothing is reported (see {@link OperatorNode#detached}). */
    static OperatorHost detached(String operatorId, OutputMode mode) {
        EpochClock clock = new EpochClock() {
            @Override
            public long requestedEpoch() {
                return -1;
            }

            @Override
            public long epochStartMillis(long epoch) {
                return 0;
            }
        };
        return new OperatorHost(operatorId, mode, false, 0, 1, 1, 0, clock, null);
    }

    /**
     * Binds the operator created with this context; from here on its timers can no longer be asked for, so
     * the planner knows whether it is stateful.
     */
    public void bind(BoundaryCallbacks<Object> operator) {
        this.callbacks = operator;
        this.planned = true;
    }

    /** The checkpointed parts of the bound operator: its state and, if it uses them, its timers. */
    public List<String> stateNames() {
        OperatorState state = callbacks.state();
        if (state != null && timers != null) {
            return List.of(stateId, stateId + TIMERS_SUFFIX);
        }
        return state != null ? List.of(stateId) : timers != null ? List.of(stateId + TIMERS_SUFFIX) : List.of();
    }

    /** The state named {@code name} in {@link #stateNames()}. */
    public OperatorState state(String name) {
        return name.equals(stateId + TIMERS_SUFFIX) ? timers : callbacks.state();
    }

    /** Whether the operator has anything to checkpoint. */
    public boolean stateful() {
        return !stateNames().isEmpty();
    }

    /** Where results go, and how each state is checkpointed at markers. */
    public void connect(Downstream next, List<CheckpointedState> states) {
        this.next = next;
        this.states = List.copyOf(states);
    }

    /** The delay of the {@code withWatermark} upstream, -1 for none; set when the query is planned. */
    public void watermarkDelayMillis(long delay) {
        this.watermarkDelayMillis = delay;
    }

    /**
     * The time of the operator's earliest processing-time timer as of its last boundary ({@link Long#MAX_VALUE} for
     * none), readable from any thread: a micro-batch query runs a batch without data once it is due, so that
     * processing-time timeouts fire without waiting for input, as Spark's do.
     */
    public long nextProcessingTimer() {
        return nextProcessingTimer;
    }

    /** Whether the operator uses timers. */
    public boolean usesTimers() {
        return timers != null;
    }

    /** Recovery: the input watermark this instance had at the last committed boundary. */
    public void restoreWatermark(long restored) {
        if (microBatch) {
            Arrays.fill(pendingWatermarks, restored); // takes effect when the re-run or next batch starts
        } else {
            Arrays.fill(inputWatermarks, restored);
            watermark = restored;
        }
    }

    // ---- the record path

    /** Called before each record reaches the operator. */
    public void beforeRecord(RecordMeta meta) {
        if (boundaryPending) {
            startBatch();
        }
        current = meta;
        inputRows++;
    }

    @Override
    public void emit(Object value) {
        next.onRecord(value, current);
    }

    @Override
    public void emitKeyedLong(Object key, long value) {
        next.onKeyedLong(key, value, current);
    }

    @Override
    public void emit(Object value, long eventTime) {
        stamped.setRecord(value, current.ingestNanos(), eventTime, current.sourceOffset());
        next.onRecord(value, stamped);
    }

    @Override
    public void emitKeyedLong(Object key, long value, long eventTime) {
        stamped.setRecord(key, current.ingestNanos(), eventTime, current.sourceOffset());
        next.onKeyedLong(key, value, stamped);
    }

    // ---- boundaries

    /**
     * The marker closing {@code closing} arrived with these input watermarks (one per input; the array may be reused
     * by the caller after this returns).
     */
    public void onMarker(long closing, long... watermarks) {
        if (boundaryPending) {
            startBatch(); // a batch without records still sees the watermark of the batches before it
        }
        enterBoundary();
        if (microBatch) {
            System.arraycopy(watermarks, 0, pendingWatermarks, 0, watermarks.length);
        } else {
            advance(watermarks, clock.epochStartMillis(closing + 1));
        }
        callbacks.onEpochEnd(closing, this);
        long reported = microBatch ? combine(pendingWatermarks) : watermark;
        if (!states.isEmpty()) {
            listener.operatorReported(operatorId, instance, parallelism, closing, metrics.take(), inputRows, reported);
            for (CheckpointedState s : states) {
                s.checkpointer().checkpoint(closing, s.state());
            }
        }
        inputRows = 0;
        epoch = closing + 1;
        if (microBatch) {
            boundaryPending = true;
        } else {
            epochMillis = clock.epochStartMillis(epoch);
        }
        // An operator emitting on the watermark bases what it passes on the watermark it evicted with (see emitsOnWatermark).
        long basis = microBatch && callbacks.emitsOnWatermark() ? watermark : reported;
        long passed = Watermarks.isTime(basis) ? callbacks.outputWatermark(basis) : basis;
        if (timers != null) {
            nextProcessingTimer = timers.nextProcessingTime();
        }
        next.onEpochMarker(closing, passed);
    }

    /** Micro-batch: the batch {@link #epoch} starts; the watermark of the batches before it takes effect. */
    private void startBatch() {
        boundaryPending = false;
        epochMillis = clock.epochStartMillis(epoch);
        RecordMeta saved = current;
        enterBoundary();
        advance(pendingWatermarks, epochMillis);
        current = saved;
    }

    private void enterBoundary() {
        own.setRecord(null, System.nanoTime(), RecordMeta.NO_EVENT_TIME, -1);
        current = own;
    }

    /** Fires due timers and, if the watermark advanced, tells the operator. */
    private void advance(long[] watermarks, long processingTime) {
        for (int i = 0; i < watermarks.length; i++) {
            if (Watermarks.isTime(watermarks[i])) {
                inputWatermarks[i] = Watermarks.isTime(inputWatermarks[i]) ? Math.max(inputWatermarks[i], watermarks[i]) : watermarks[i];
            }
        }
        if (timers != null) {
            timers.fireUpTo(TimeDomain.PROCESSING_TIME, processingTime, t -> callbacks.onTimer(t, this));
        }
        long combined = combine(inputWatermarks);
        if (Watermarks.isTime(combined) && (!Watermarks.isTime(watermark) || combined > watermark)) {
            watermark = combined;
            if (timers != null) {
                timers.fireUpTo(TimeDomain.EVENT_TIME, combined, t -> callbacks.onTimer(t, this));
            }
            callbacks.onWatermark(combined, this);
        }
    }

    /** The minimum over the inputs that have a watermark; an input without one does not hold the other back. */
    private static long combine(long[] watermarks) {
        long min = Watermarks.NONE;
        for (long w : watermarks) {
            if (Watermarks.isTime(w)) {
                min = Watermarks.isTime(min) ? Math.min(min, w) : w;
            }
        }
        return min;
    }

    // ---- OperatorContext

    @Override
    public String operatorId() {
        return operatorId;
    }

    @Override
    public OutputMode outputMode() {
        return outputMode;
    }

    @Override
    public boolean microBatch() {
        return microBatch;
    }

    @Override
    public int instance() {
        return instance;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public long currentEpoch() {
        return epoch;
    }

    @Override
    public long epochTimeMillis() {
        return epochMillis;
    }

    @Override
    public long currentWatermark() {
        return watermark;
    }

    @Override
    public long watermarkDelayMillis() {
        return watermarkDelayMillis;
    }

    @Override
    public long inputWatermark(int input) {
        return inputWatermarks[input];
    }

    @Override
    public TimerService timers() {
        if (timers == null) {
            if (planned) {
                throw new IllegalStateException("Operator " + operatorId + " asked for its timers after it was planned;"
                        + " call context.timers() when the operator is created, so the engine knows to checkpoint them");
            }
            timers = new TimerRegistry(this);
        }
        return timers;
    }

    @Override
    public OperatorMetrics metrics() {
        return metrics;
    }
}
