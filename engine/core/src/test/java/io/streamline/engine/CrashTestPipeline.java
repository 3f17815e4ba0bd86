package io.streamline.engine;

import io.streamline.engine.source.RateRow;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The pipeline the crash tests kill: rate source -> map -> keyed running count -> a sink appending
 * {@code value,key,countAfterValue} lines to a file. Runs until killed.
 * Arguments: checkpoint directory, output file, rows per second, and optionally the source's partitions (1) and
 * the engine's parallelism (0: chosen by the engine); the plan is printed before the query runs.
 */
public final class CrashTestPipeline {
    /** Keys are {@code value % KEYS}. */
    public static final int KEYS = 1000;

    /** The running tally of a key: how many values so far and the latest one. */
    public record Tally(long lastValue, long count) implements Serializable {
    }

    private CrashTestPipeline() {
    }

    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args[0]);
        Path output = Path.of(args[1]);
        long rowsPerSecond = Long.parseLong(args[2]);
        dropTornLastLine(output);

        int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int parallelism = args.length > 4 ? Integer.parseInt(args[4]) : 0;

        StreamEngine engine = StreamEngine.builder().parallelism(parallelism).build();
        StreamingQuery query = tallies(engine, rowsPerSecond, partitions).foreach(new LineAppendingWriter<KeyValue<Long, Tally>>(output,
                row -> row.value().lastValue() + "," + row.key() + "," + row.value().count()))
                .outputMode("update")
                .option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.continuous(Duration.ofMillis(100)))
                .start();
        System.out.println(query.explainString());
        query.awaitTermination(); // until killed; a failure ends the JVM with its stack trace
    }

    /**
     * The pipeline up to its sink: rate source values tallied per key {@code value % KEYS}. Restored state is exact
     * when every output row of value {@code v} has the count {@code v / KEYS + 1}.
     */
    public static DataStreamWriter<KeyValue<Long, Tally>> tallies(StreamEngine engine, long rowsPerSecond) {
        return tallies(engine, rowsPerSecond, 1);
    }

    /**
     * {@link #tallies(StreamEngine, long)} over {@code partitions} rate partitions: the values of a key all come from
     * one partition ({@code KEYS} is a multiple of any partition count used), so they reach its tally in order.
     */
    public static DataStreamWriter<KeyValue<Long, Tally>> tallies(StreamEngine engine, long rowsPerSecond, int partitions) {
        return engine.readStream().format("rate").option("rowsPerSecond", rowsPerSecond).option("numPartitions", partitions)
                .<RateRow>load()
                .map(row -> new Tally(row.value(), 1))
                .groupByKey(t -> t.lastValue() % KEYS)
                .reduce((acc, t) -> new Tally(t.lastValue(), acc.count() + t.count()))
                .writeStream();
    }

    /** A kill can land in the middle of a line; the sink's recovery cuts the file back to its last full line. */
    private static void dropTornLastLine(Path output) throws IOException {
        if (!Files.exists(output)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "rw")) {
            long end = file.length();
            while (end > 0) {
                file.seek(end - 1);
                if (file.read() == '\n') {
                    break;
                }
                end--;
            }
            file.setLength(end);
        }
    }
}
