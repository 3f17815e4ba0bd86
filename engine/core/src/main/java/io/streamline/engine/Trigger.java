package io.streamline.engine;

import io.streamline.engine.clock.BatchClock;
import io.streamline.engine.config.Durations;

import java.time.Duration;

/**
 * When a query checkpoints (continuous) or runs (micro-batch), as in Spark. Switching a pipeline between
 * the two modes is a change of trigger only.
 */
public sealed interface Trigger permits Trigger.Continuous, Trigger.ProcessingTime, Trigger.Once, Trigger.AvailableNow,
        Trigger.BatchGrid {
    /** Continuous processing with an epoch checkpoint every {@code interval}. */
    static Trigger continuous(Duration interval) {
        return new Continuous(interval, null);
    }

    /** Continuous processing with an epoch checkpoint every {@code intervalMs} milliseconds. */
    static Trigger continuous(long intervalMs) {
        return continuous(Duration.ofMillis(intervalMs));
    }

    /** Continuous processing with the interval written as in Spark, e.g. {@code "1 second"}; checked at {@code start()}. */
    static Trigger continuous(String interval) {
        return new Continuous(null, interval);
    }

    /** Micro-batches every {@code interval}; zero runs the next batch as soon as the previous one ends. */
    static Trigger processingTime(Duration interval) {
        return new ProcessingTime(interval, null);
    }

    /** Micro-batches every {@code intervalMs} milliseconds. */
    static Trigger processingTime(long intervalMs) {
        return processingTime(Duration.ofMillis(intervalMs));
    }

    /** Micro-batches with the interval written as in Spark, e.g. {@code "10 seconds"}; checked at {@code start()}. */
    static Trigger processingTime(String interval) {
        return new ProcessingTime(null, interval);
    }

    /** One micro-batch of everything available (within rate limits), then stop. */
    static Trigger once() {
        return new Once();
    }

    /** Everything available at start, in as many micro-batches as the rate limits need, then stop. */
    static Trigger availableNow() {
        return new AvailableNow();
    }

    /**
     * Micro-batches at fixed times, as Spark Streaming's batches: at every multiple of {@code interval} on
     * {@code clock}, each run whether or not data arrived (an empty batch is still a batch). The first batch runs at
     * the first multiple after {@code start()}; after a restart on a checkpoint the grid continues from the last
     * planned batch, running the times missed while the query was down one after another. The batch's time is its
     * {@link io.streamline.engine.operator.OperatorContext#epochTimeMillis() epoch time}. The DStream API runs on it.
     */
    static Trigger batchGrid(Duration interval, BatchClock clock) {
        return new BatchGrid(interval, clock);
    }

    /** Fails with a message naming the problem if the trigger cannot run. */
    void validate();

    /** The continuous trigger; give either a duration or its text. */
    record Continuous(Duration parsed, String text) implements Trigger {
        /** The checkpoint interval. */
        public Duration interval() {
            Duration d = parsed != null ? parsed : Durations.parse("Trigger.continuous interval", text);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("Trigger.continuous interval must be positive, got " + d);
            }
            return d;
        }

        @Override
        public void validate() {
            interval();
        }

        @Override
        public String toString() {
            return "Continuous(" + (parsed != null ? parsed.toMillis() + " ms" : text) + ")";
        }
    }

    /** The micro-batch trigger with a fixed interval; give either a duration or its text. */
    record ProcessingTime(Duration parsed, String text) implements Trigger {
        /** The batch interval, zero or more. */
        public Duration interval() {
            Duration d = parsed != null ? parsed : Durations.parse("Trigger.processingTime interval", text);
            if (d.isNegative()) {
                throw new IllegalArgumentException("Trigger.processingTime interval must not be negative, got " + d);
            }
            return d;
        }

        @Override
        public void validate() {
            interval();
        }

        @Override
        public String toString() {
            return "ProcessingTime(" + (parsed != null ? parsed.toMillis() + " ms" : text) + ")";
        }
    }

    /** One batch, then stop. */
    record Once() implements Trigger {
        @Override
        public void validate() {
        }
    }

    /** All data available at start, then stop. */
    record AvailableNow() implements Trigger {
        @Override
        public void validate() {
        }
    }

    /** Batches at every multiple of {@code interval} on {@code clock}; see {@link #batchGrid}. */
    record BatchGrid(Duration interval, BatchClock clock) implements Trigger {
        @Override
        public void validate() {
            if (interval == null || interval.toMillis() <= 0) {
                throw new IllegalArgumentException("Trigger.batchGrid interval must be at least 1 ms, got " + interval);
            }
            if (clock == null) {
                throw new IllegalArgumentException("Trigger.batchGrid needs a clock (BatchClock.SYSTEM or a ManualClock)");
            }
        }

        @Override
        public String toString() {
            return "BatchGrid(" + (interval == null ? null : interval.toMillis() + " ms") + ", " + clock + ")";
        }
    }
}
