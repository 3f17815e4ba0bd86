package io.streamline.operators.crash;

import io.streamline.engine.DataStream;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.RateRow;
import io.streamline.operators.join.StreamJoin;

import java.time.Duration;

/**
 * The stream-stream join {@link JoinCrashTest} kills: two rate sources, each value with event time {@code value * 10}
 * ms and a watermark one second behind, joined on the value within one second either way (inner), into the JSON
 * file sink. Each value must be joined exactly once with itself. Arguments: checkpoint directory, output directory,
 * {@code continuous} or {@code microbatch}, rows per second per source.
 */
public final class JoinCrashPipeline {
    private JoinCrashPipeline() {
    }

    public static void main(String[] args) throws Exception {
        Trigger trigger = args[2].equals("continuous") ? Trigger.continuous(Duration.ofMillis(100)) : Trigger.processingTime(Duration.ofMillis(100));
        StreamEngine engine = StreamEngine.create();
        DataStream<RateRow> left = rate(engine, args[3]);
        DataStream<RateRow> right = rate(engine, args[3]);
        StreamJoin.of(left, RateRow::value, right, RateRow::value).within(Duration.ofSeconds(1), Duration.ofSeconds(1)).inner()
                .writeStream().format("json").option("path", args[1]).outputMode("append")
                .option("checkpointLocation", args[0])
                .trigger(trigger)
                .start()
                .awaitTermination(); // until killed
    }

    private static DataStream<RateRow> rate(StreamEngine engine, String rowsPerSecond) {
        return engine.readStream().format("rate").option("rowsPerSecond", Long.parseLong(rowsPerSecond)).<RateRow>load()
                .withWatermark(row -> row.value() * 10, Duration.ofSeconds(1));
    }
}
