package io.streamline.bench.kafka;

import io.streamline.engine.DataStream;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.config.IdleMode;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.kafka.Encoder;
import io.streamline.kafka.KafkaRecord;
import io.streamline.kafka.KafkaSink;
import io.streamline.kafka.RecordEncoder;

import java.nio.file.Path;

/**
 * This engine between the two topics, in this JVM: Kafka source -> map -> Kafka sink ({@code kafka-passthrough}), or
 * Kafka source -> map to the record's key -> {@code groupByKey(key).count()} in update mode -> Kafka sink, key and
 * count as text ({@code kafka-keyed-count}), in continuous mode (epochs every {@code epochMs}; an epoch's records
 * in one transaction, which the bench's {@code read_committed} consumer sees at its commit), continuous mode with
 * the sink's {@code deliveryGuarantee=at-least-once} (no transactions: records visible as they are acknowledged), or
 * micro-batch mode (a batch every {@code epochMs}, written through the sink's transactions).
 */
final class EnginePipeline implements Pipeline {
    private final StreamEngine engine;
    private final StreamingQuery query;

    private EnginePipeline(StreamEngine engine, StreamingQuery query) {
        this.engine = engine;
        this.query = query;
    }

    static EnginePipeline start(String workload, String mode, String bootstrap, String in, String out, long epochMs,
                                IdleMode idle, Path checkpoint) {
        Trigger trigger = switch (mode) {
            case "continuous", "continuous-at-least-once" -> Trigger.continuous(epochMs);
            case "micro-batch" -> Trigger.processingTime(epochMs);
            default -> throw new IllegalArgumentException("unknown mode " + mode
                    + "; accepted: continuous, continuous-at-least-once, micro-batch");
        };
        KafkaSink.DeliveryGuarantee guarantee = mode.equals("continuous-at-least-once")
                ? KafkaSink.DeliveryGuarantee.AT_LEAST_ONCE : KafkaSink.DeliveryGuarantee.EXACTLY_ONCE;
        StreamEngine engine = StreamEngine.builder().idleMode(idle).build();
        DataStream<KafkaRecord> source = engine.readStream().format("kafka").option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", in).option("startingOffsets", "earliest").load();
        var writer = switch (workload) {
            case "kafka-passthrough" -> source.map(r -> r).writeStream().sink(KafkaSink.<KafkaRecord>builder()
                    .bootstrapServers(bootstrap).topic(out).deliveryGuarantee(guarantee)
                    .encoder(RecordEncoder.of(null, KafkaRecord::key, Encoder.bytes(), KafkaRecord::value, Encoder.bytes())).build());
            // RecordEncoder.rows(), format("kafka")'s own: a KeyValue's key and value as text.
            case "kafka-keyed-count" -> source.map(KafkaRecord::keyString).groupByKey(k -> k).count()
                    .writeStream().outputMode("update")
                    .sink(KafkaSink.builder().bootstrapServers(bootstrap).topic(out).deliveryGuarantee(guarantee)
                            .encoder(RecordEncoder.rows()).build());
            default -> throw new IllegalArgumentException("unknown workload " + workload + " for this engine; accepted:"
                    + " kafka-passthrough, kafka-keyed-count");
        };
        StreamingQuery query = writer.trigger(trigger).option("checkpointLocation", checkpoint.toString()).start();
        return new EnginePipeline(engine, query);
    }

    @Override
    public void check() {
        query.exception().ifPresent(e -> {
            throw new IllegalStateException("the engine's query failed: " + e.getMessage(), e);
        });
        if (!query.isActive()) {
            throw new IllegalStateException("the engine's query stopped by itself");
        }
    }

    @Override
    public void close() {
        query.stop();
        engine.close();
    }
}
