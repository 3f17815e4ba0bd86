package io.streamline.operators.dstream;

import io.streamline.engine.clock.BatchClock;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * How many records each source partition of a context's rate-limited inputs may add to the next batch: at most
 * {@code maxRatePerPartition} records per second of batch interval and, with backpressure, the input's estimated rate
 * shared evenly by its partitions (Spark's {@code RateController}, one {@link PidRateEstimator} per input). The
 * limit is applied when the batch is planned, so what a batch leaves behind stays in the source (its log, queue or
 * write-ahead log) for the next ones; a batch re-run after a crash reads exactly its logged offsets.
 *
 * <p>A batch's timing is taken on the context's clock, as Spark's scheduler takes it: it starts when its inputs are
 * planned (the first partition asking for its limit) and ends when its output operations have run, before the
 * commit; the scheduling delay is its start minus its batch time. On a {@code ManualClock} those are the times the
 * application moved the clock to, which lets tests state processing times exactly. Called by the batch driver
 * (limits) and the sink's thread (completed batches), one batch after the other.
 */
final class RateController {
    private static final long NOT_PLANNED = Long.MIN_VALUE;

    private final BatchClock clock;
    private final long batchMillis;
    private long maxRatePerPartition;
    private Backpressure backpressure;
    /** The rate-limited inputs. */
    private final Set<Integer> inputs = new TreeSet<>();
    /** Per input: its estimator, with backpressure. */
    private final Map<Integer, PidRateEstimator> estimators = new HashMap<>();
    /** Per input: its latest estimated rate, records per second. */
    private final Map<Integer, Double> rates = new HashMap<>();
    private long plannedAt = NOT_PLANNED;

    RateController(BatchClock clock, long batchMillis) {
        this.clock = clock;
        this.batchMillis = batchMillis;
    }

    synchronized void maxRatePerPartition(long recordsPerSecond) {
        maxRatePerPartition = recordsPerSecond;
    }

    synchronized void backpressure(Backpressure settings) {
        backpressure = settings;
    }

    /** Input {@code input} is rate limited. */
    synchronized void register(int input) {
        inputs.add(input);
    }

    /**
     * The most records one of the {@code partitions} partitions of input {@code input} may add to the batch being
     * planned; {@link Long#MAX_VALUE} without a limit. The first call of a batch marks its start.
     */
    synchronized long batchLimit(int input, int partitions) {
        if (plannedAt == NOT_PLANNED) {
            plannedAt = clock.millis();
        }
        double perSecond = Double.POSITIVE_INFINITY;
        if (backpressure != null) {
            double rate = rates.getOrDefault(input, (double) backpressure.initialRate());
            if (rate > 0) {
                perSecond = rate / partitions;
            }
        }
        if (maxRatePerPartition > 0) {
            perSecond = Math.min(perSecond, maxRatePerPartition);
        }
        if (Double.isInfinite(perSecond)) {
            return Long.MAX_VALUE;
        }
        return Math.max(1, (long) (perSecond * batchMillis / 1000));
    }

    /** The batch planned last ran its output operations: with backpressure, every input's rate is estimated anew. */
    synchronized void batchCompleted(GraphOperator.BatchEnd batch) {
        long started = plannedAt;
        plannedAt = NOT_PLANNED;
        if (started == NOT_PLANNED || backpressure == null) {
            return; // a batch re-run after a restart: it was planned before, and its timing is unknown
        }
        long now = clock.millis();
        for (int input : inputs) {
            PidRateEstimator estimator = estimators.computeIfAbsent(input, i -> new PidRateEstimator(batchMillis, backpressure));
            OptionalDouble rate = estimator.compute(now, batch.inputRecords()[input], now - started,
                    Math.max(0, started - batch.timeMillis()));
            if (rate.isPresent()) {
                rates.put(input, rate.getAsDouble());
            }
        }
    }
}
