package io.streamline.operators.crash;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.RateRow;
import io.streamline.operators.Deduplicate;

import java.time.Duration;

/**
 * The deduplication {@link DedupCrashTest} kills: rate values with event time {@code value * 10} ms and a one-second
 * watermark delay, deduplicated within the watermark by {@code value / 3} (three consecutive values, 20 ms apart, share
 * a key), into the JSON file sink. Every key must be committed once, with the first of its three values. Arguments:
 * checkpoint directory, output directory, {@code continuous} or {@code microbatch}, rows per second.
 */
public final class DedupCrashPipeline {
    private DedupCrashPipeline() {
    }

    public static void main(String[] args) throws Exception {
        Trigger trigger = args[2].equals("continuous") ? Trigger.continuous(Duration.ofMillis(100)) : Trigger.processingTime(Duration.ofMillis(100));
        StreamEngine.create().readStream().format("rate").option("rowsPerSecond", Long.parseLong(args[3])).<RateRow>load()
                .withWatermark(row -> row.value() * 10, Duration.ofSeconds(1))
                .via(Deduplicate.withinWatermark(row -> row.value() / 3))
                .writeStream().format("json").option("path", args[1]).outputMode("append")
                .option("checkpointLocation", args[0])
                .trigger(trigger)
                .start()
                .awaitTermination(); // until killed
    }
}
