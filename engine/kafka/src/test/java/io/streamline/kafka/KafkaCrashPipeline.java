package io.streamline.kafka;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.Trigger;

/**
 * The child JVM of {@link KafkaCrashTest}: Kafka to Kafka until killed. Arguments: bootstrap servers, input topic,
 * output topic, checkpoint directory, and the pipeline: {@code keyed-count} (continuous, 100 ms epochs: a running
 * count per record key, written as key and count in update mode) or {@code map} (micro-batch every 100 ms: each
 * value upper-cased, through the transactional sink; at most 500 records a batch).
 */
public final class KafkaCrashPipeline {
    private KafkaCrashPipeline() {
    }

    public static void main(String[] args) throws Exception {
        String servers = args[0];
        String pipeline = args[4];
        StreamEngine engine = StreamEngine.create();
        // Batches of at most 500 records: a restart's backlog is many batches, so kills and halts fall between them.
        var source = engine.readStream().format("kafka").option("kafka.bootstrap.servers", servers).option("subscribe", args[1])
                .option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", 500).<KafkaRecord>load();
        var writer = pipeline.equals("keyed-count")
                ? source.groupByKey(KafkaRecord::keyString).count().writeStream().outputMode("update").trigger(Trigger.continuous(100))
                : source.map(r -> r.valueString().toUpperCase(java.util.Locale.ROOT)).writeStream().trigger(Trigger.processingTime(100));
        writer.format("kafka").option("kafka.bootstrap.servers", servers).option("topic", args[2])
                .option("checkpointLocation", args[3]).start();
        System.out.println("started (haltBeforeCommit=" + System.getProperty("streamline.test.haltBeforeCommit", "0") + ")");
        Thread.currentThread().join(); // until killed; a failure ends the JVM with its stack trace
    }
}
