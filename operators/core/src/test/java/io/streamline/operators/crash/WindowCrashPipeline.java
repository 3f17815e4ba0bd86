package io.streamline.operators.crash;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.RateRow;
import io.streamline.operators.window.Windows;

import java.time.Duration;

/**
 * The windowed pipeline {@link WindowCrashTest} kills: rate values with event time {@code value * 10} ms (so a
 * one-second window holds 100 consecutive values), counted per key {@code value % KEYS} in tumbling one-second
 * windows, append mode, into the JSON file sink. Every committed row must count exactly {@code 100 / KEYS}.
 * Arguments: checkpoint directory, output directory, {@code continuous} or {@code microbatch}, rows per second.
 */
public final class WindowCrashPipeline {
    /** Keys are {@code value % KEYS}; 100 values per window, so each key has {@code 100 / KEYS} in each. */
    public static final int KEYS = 5;

    private WindowCrashPipeline() {
    }

    public static void main(String[] args) throws Exception {
        Trigger trigger = args[2].equals("continuous") ? Trigger.continuous(Duration.ofMillis(100)) : Trigger.processingTime(Duration.ofMillis(100));
        StreamEngine.create().readStream().format("rate").option("rowsPerSecond", Long.parseLong(args[3])).<RateRow>load()
                .withWatermark(row -> row.value() * 10, Duration.ZERO)
                .groupByKey(row -> row.value() % KEYS)
                .via(Windows.<Long, RateRow>tumbling(Duration.ofSeconds(1)))
                .count()
                .writeStream().format("json").option("path", args[1]).outputMode("append")
                .option("checkpointLocation", args[0])
                .trigger(trigger)
                .start()
                .awaitTermination(); // until killed
    }
}
