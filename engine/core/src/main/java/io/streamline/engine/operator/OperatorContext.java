package io.streamline.engine.operator;

import io.streamline.engine.OutputMode;

/**
 * What an operator instance learns from the engine, and what it can ask of it: one small object handed to the
 * {@link OperatorFactory} instead of ever more callback parameters. Created by the engine per instance; only the
 * instance's thread may call it, at any time from {@code create} on.
 */
public interface OperatorContext {
    /** The operator's id in checkpoints and progress reports, stable for the same pipeline definition. */
    String operatorId();

    /** The query's output mode. */
    OutputMode outputMode();

    /**
     * Whether the query runs micro-batches, where results are usually emitted once per batch (Spark's update mode
     * outputs each changed key once per trigger) rather than per record.
     */
    boolean microBatch();

    /** Which of the operator's parallel instances this is, from 0. */
    int instance();

    /** How many instances of the operator run. */
    int parallelism();

    /** The epoch (continuous) or batch (micro-batch) whose records are being processed. */
    long currentEpoch();

    /**
     * The processing time of the current epoch or batch in epoch milliseconds: when it began (continuous: when
     * the previous epoch's markers were requested; micro-batch: the batch's trigger time as logged in the offset
     * log, so a re-run batch sees the time of its first attempt). DStream-style batch times are built on it.
     */
    long epochTimeMillis();

    /**
     * The watermark of the operator's input ({@link Watermarks#NONE} while there is none): for a two-input
     * operator the minimum over both inputs. It changes only at epoch or batch boundaries.
     */
    long currentWatermark();

    /**
     * The delay of the {@code withWatermark} upstream of the operator (the largest, if several streams feed it), or -1
     * if its input has no watermark: {@code dropDuplicatesWithinWatermark} keeps a key for this long past its event
     * time, as Spark does.
     */
    long watermarkDelayMillis();

    /** The watermark of input {@code input} (0, or 1 for the second input of a two-input operator). */
    long inputWatermark(int input);

    /**
     * The operator's timers. Using them makes the operator stateful: its timers are checkpointed with its state
     * at every epoch marker and restored after a crash.
     */
    TimerService timers();

    /** Counters shown in the operator's entry of every progress report. */
    OperatorMetrics metrics();
}
