package io.streamline.engine;

import io.streamline.engine.CrashTestPipeline.Tally;
import io.streamline.engine.source.RateRow;

import java.nio.file.Path;

/**
 * The crash-test pipeline of {@link CrashTestPipeline} in micro-batch mode: the same rate -> map -> keyed
 * running count, into the exactly-once JSON file sink. Runs until killed (or halted by the fault hook).
 * Arguments: checkpoint directory, output directory, rows per second.
 */
public final class ExactlyOnceTestPipeline {
    private ExactlyOnceTestPipeline() {
    }

    public static void main(String[] args) throws Exception {
        StreamEngine engine = StreamEngine.create();
        engine.readStream().format("rate").option("rowsPerSecond", Long.parseLong(args[2])).<RateRow>load()
                .map(row -> new Tally(row.value(), 1))
                .groupByKey(t -> t.lastValue() % CrashTestPipeline.KEYS)
                .reduce((acc, t) -> new Tally(t.lastValue(), acc.count() + t.count()))
                .writeStream().format("json").option("path", Path.of(args[1]).toString()).outputMode("update")
                .option("checkpointLocation", args[0])
                .trigger(Trigger.processingTime(50))
                .start()
                .awaitTermination(); // until killed; a failure ends the JVM with its stack trace
    }
}
