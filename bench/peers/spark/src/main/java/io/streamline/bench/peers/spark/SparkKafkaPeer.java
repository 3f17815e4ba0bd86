package io.streamline.bench.peers.spark;

import io.streamline.bench.peers.KafkaPeerOptions;
import io.streamline.bench.peers.KafkaPeerRunner;
import io.streamline.bench.peers.TempDirectory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import java.util.List;
import java.util.Map;

/**
 * The Kafka-to-Kafka workloads on Apache Spark Structured Streaming with its Kafka source and sink
 * ({@code spark-sql-kafka-0-10}), {@code local[4]}: continuous processing runs one long task per input partition and
 * needs a slot for each of the 4, so micro-batches get the same 4 slots. {@code kafka-passthrough} selects key and
 * value, under the continuous trigger (100 ms epochs; at least once) or micro-batches every 100 ms (Spark's Kafka sink
 * is at least once in both modes: it has no transactions); {@code kafka-keyed-count} is {@code groupBy(key).count()}
 * in update mode, micro-batches only (Spark's continuous mode cannot aggregate), 2 shuffle partitions, key and count
 * as text. The producer does not linger, as this engine's Kafka sink does not. The query's checkpoint is a new
 * temporary directory, deleted when it stops.
 */
public final class SparkKafkaPeer {
    static final String USAGE = """
            usage: SparkKafkaPeer --workload kafka-passthrough|kafka-keyed-count --bootstrap B --in TOPIC --out TOPIC
                                  [--trigger continuous|micro-batch]
              --trigger  continuous: 100 ms epochs (kafka-passthrough only); micro-batch: processingTime 100 ms (default)""";
    private static final long INTERVAL_MS = 100;

    private SparkKafkaPeer() {
    }

    /** Runs the pipeline until SIGTERM; see {@link #USAGE}. */
    public static void main(String[] args) {
        KafkaPeerRunner.main(USAGE, Map.of("--trigger", "micro-batch"), SparkKafkaPeer::start, args);
    }

    private static KafkaPeerRunner.RunningPipeline start(KafkaPeerOptions options) throws Exception {
        boolean continuous = options.choice("--trigger", List.of("continuous", "micro-batch")).equals("continuous");
        if (continuous && options.keyedCount()) {
            throw new IllegalArgumentException("--trigger continuous: Spark's continuous mode cannot aggregate;"
                    + " kafka-keyed-count runs in micro-batches only");
        }
        TempDirectory checkpoint = TempDirectory.create("spark-kafka-peer-");
        SparkSession spark = LocalSpark.start("peers-" + options.workload(), "local[4]",
                Map.of("spark.sql.shuffle.partitions", "2"));
        Dataset<Row> in = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", options.bootstrap())
                .option("subscribe", options.in())
                .option("startingOffsets", "earliest")
                .load();
        Dataset<Row> out = options.keyedCount()
                ? in.selectExpr("CAST(key AS STRING) AS key").groupBy("key").count()
                        .selectExpr("key", "CAST(count AS STRING) AS value")
                : in.selectExpr("key", "value");
        StreamingQuery query = out.writeStream().format("kafka")
                .option("kafka.bootstrap.servers", options.bootstrap())
                .option("topic", options.out())
                .option("kafka.linger.ms", "0")
                .option("checkpointLocation", checkpoint.path().toString())
                .outputMode(options.keyedCount() ? OutputMode.Update() : OutputMode.Append())
                .trigger(continuous ? Trigger.Continuous(INTERVAL_MS) : Trigger.ProcessingTime(INTERVAL_MS))
                .queryName("peers-" + options.workload())
                .start();

        String description = "Spark " + spark.version() + ", Kafka source and sink, "
                + (continuous ? "continuous trigger, " + INTERVAL_MS + " ms epochs" : "micro-batch, processingTime " + INTERVAL_MS + " ms");
        return KafkaPeerRunner.RunningPipeline.of(description, () -> {
            if (query.exception().isDefined()) {
                throw new IllegalStateException("the Spark query failed: " + query.exception().get().getMessage(),
                        query.exception().get());
            }
            if (!query.isActive()) {
                throw new IllegalStateException("the Spark query stopped by itself");
            }
        }, () -> {
            try {
                query.stop();
            } finally {
                spark.stop();
                checkpoint.close();
            }
        });
    }
}
