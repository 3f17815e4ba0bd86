package io.streamline.bench.peers.spark;

import io.streamline.bench.peers.PeerOptions;
import io.streamline.bench.peers.PeerRunner;
import io.streamline.bench.peers.RunningPeer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import java.util.HashMap;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.window;

/**
 * The windowed-count workload on Apache Spark Structured Streaming, {@code local[2]}, micro-batches started back to
 * back ({@code processingTime 0}; continuous mode cannot aggregate): the paced source (event time = intended send
 * time, {@code withWatermark} 1 s) -> {@code groupBy(window(eventTime, "10 seconds", "5 seconds"), value % keys)} ->
 * count, update mode -> foreach sink, with 2 shuffle partitions (one per core; Spark's default 200 would run 200
 * tasks per batch). A row goes out once per batch that changed it, carrying the intended send time of the newest
 * record it counts: its latency is that record's, the shortest of the batch's records in the row.
 */
public final class SparkWindowedCountPeer {
    static final String USAGE = """
            usage: SparkWindowedCountPeer --rate N --seconds S [--warmup S] --json FILE --checkpoint-dir DIR [--keys K]
              --keys            distinct keys (default 10000, as streamline's windowed-count)
              --checkpoint-dir  a new directory for the query's checkpoint""";

    private SparkWindowedCountPeer() {
    }

    /** Runs the workload; see {@link #USAGE}. */
    public static void main(String[] args) {
        Map<String, String> own = new HashMap<>();
        own.put("--keys", "10000");
        own.put("--checkpoint-dir", null);
        PeerRunner.main(USAGE, own, SparkWindowedCountPeer::start, args);
    }

    private static RunningPeer start(PeerOptions options) throws Exception {
        long keys = options.longOption("--keys");
        SparkSession spark = LocalSpark.start("peers-windowed-count", Map.of("spark.sql.shuffle.partitions", "2"));
        Dataset<Row> generated = spark.readStream()
                .format(PacedSourceProvider.class.getName())
                .option(PacedSourceProvider.RATE, options.rate())
                .load();
        // Event time from the monotonic clock the generator stamps with, as the Flink peer takes it.
        Dataset<Row> counted = generated
                .withColumn("eventTime", expr("timestamp_micros(intendedNanos div 1000)"))
                .withWatermark("eventTime", "1 second")
                .groupBy(window(col("eventTime"), "10 seconds", "5 seconds"), col("value").mod(keys).as("key"))
                .agg(max(col("intendedNanos")).as("intendedNanos"), count(lit(1)).as("count"))
                .select(col("intendedNanos"), col("key"), col("count"));
        StreamingQuery query = counted.writeStream()
                .outputMode("update")
                .foreach(new LatencyForeachWriter())
                .trigger(Trigger.ProcessingTime(0))
                .option("checkpointLocation", options.option("--checkpoint-dir"))
                .queryName("peers-windowed-count")
                .start();

        String config = "micro-batch, processingTime 0, update mode, sliding window 10 s every 5 s, " + keys
                + " keys, watermark 1 s, 2 shuffle partitions";
        return new SparkRunningPeer(spark, query, config, "micro-batch");
    }
}
