package io.streamline.engine;

import io.streamline.engine.CrashTestPipeline.Tally;
import io.streamline.engine.source.RateRow;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The pipeline the continuous exactly-once crash tests kill: a source of increasing numbers -> keyed running count
 * (key {@code value % KEYS}) -> the JSON file sink, in continuous mode with 100 ms epochs. Runs until killed (or
 * halted by a fault hook). Arguments: checkpoint directory, output directory, source: {@code rate:<rowsPerSecond>}
 * or {@code text:<directory>} (one number per line).
 */
public final class ContinuousExactlyOnceChild {
    private ContinuousExactlyOnceChild() {
    }

    public static void main(String[] args) throws Exception {
        StreamEngine engine = StreamEngine.create();
        numbers(engine, args[2])
                .map(v -> new Tally(v, 1))
                .groupByKey(t -> t.lastValue() % CrashTestPipeline.KEYS)
                .reduce((acc, t) -> new Tally(t.lastValue(), acc.count() + t.count()))
                .writeStream().format("json").option("path", Path.of(args[1]).toString()).outputMode("update")
                .option("checkpointLocation", args[0])
                .trigger(Trigger.continuous(Duration.ofMillis(100)))
                .start()
                .awaitTermination(); // until killed; a failure ends the JVM with its stack trace
    }

    /** The numbers 0, 1, 2, ... from the rate source or from text files of one number per line. */
    static DataStream<Long> numbers(StreamEngine engine, String source) {
        String[] kind = source.split(":", 2);
        return switch (kind[0]) {
            case "rate" -> engine.readStream().option("rowsPerSecond", Long.parseLong(kind[1])).rate().map(RateRow::value);
            case "text" -> engine.readStream().text(kind[1]).map(Long::parseLong);
            default -> throw new IllegalArgumentException("source must be rate:<rowsPerSecond> or text:<dir>: " + source);
        };
    }
}
