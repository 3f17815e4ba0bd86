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

/**
 * The stateless workload on Apache Spark Structured Streaming, {@code local[2]}: the paced source -> map
 * (a projection) -> filter -> foreach sink, with the continuous trigger (1 s epochs) or micro-batches
 * started back to back ({@code processingTime 0}). Spark's defaults otherwise; its offset and commit logs
 * go to {@code --checkpoint-dir}, which must not hold an earlier run's checkpoint.
 */
public final class SparkPeer {
    static final String USAGE = """
            usage: SparkPeer --rate N --seconds S [--warmup S] --json FILE --checkpoint-dir DIR [--trigger continuous|micro-batch]
              --trigger         continuous: 1 s epochs (default); micro-batch: processingTime 0
              --checkpoint-dir  a new directory for the query's checkpoint""";
    private static final long EPOCH_MS = 1_000;

    private SparkPeer() {
    }

    /** Runs the workload; see {@link #USAGE}. */
    public static void main(String[] args) {
        Map<String, String> own = new HashMap<>();
        own.put("--trigger", "continuous");
        own.put("--checkpoint-dir", null);
        PeerRunner.main(USAGE, own, SparkPeer::start, args);
    }

    private static RunningPeer start(PeerOptions options) throws Exception {
        String mode = options.option("--trigger");
        Trigger trigger = switch (mode) {
            case "continuous" -> Trigger.Continuous(EPOCH_MS);
            case "micro-batch" -> Trigger.ProcessingTime(0);
            default -> throw new IllegalArgumentException("--trigger: expected continuous or micro-batch, got '" + mode + "'");
        };
        SparkSession spark = LocalSpark.start("peers-stateless", Map.of());
        Dataset<Row> generated = spark.readStream()
                .format(PacedSourceProvider.class.getName())
                .option(PacedSourceProvider.RATE, options.rate())
                .load();
        // map and filter as a Spark user writes them: column expressions, compiled by whole-stage codegen.
        Dataset<Row> filtered = generated
                .select(col("intendedNanos"), col("value").multiply(3).as("value"))
                .filter(col("value").geq(0));
        StreamingQuery query = filtered.writeStream()
                .foreach(new LatencyForeachWriter())
                .trigger(trigger)
                .option("checkpointLocation", options.option("--checkpoint-dir"))
                .queryName("peers-stateless")
                .start();

        String config = mode.equals("continuous") ? "continuous trigger, " + EPOCH_MS / 1000 + " s epochs"
                : "micro-batch, processingTime 0";
        return new SparkRunningPeer(spark, query, config, mode);
    }
}
