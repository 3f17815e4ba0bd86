package io.streamline.engine;

import io.streamline.engine.config.Durations;

import java.time.Duration;

/**
 * When a query checkpoints (continuous) or runs (micro-batch). Continuous mode processes every record as
 * it arrives and takes an epoch checkpoint every {@code interval}.
 */
public sealed interface Trigger permits Trigger.Continuous {
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
}
