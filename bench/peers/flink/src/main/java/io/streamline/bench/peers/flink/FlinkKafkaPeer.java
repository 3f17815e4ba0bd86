package io.streamline.bench.peers.flink;

import io.streamline.bench.peers.KafkaPeerOptions;
import io.streamline.bench.peers.KafkaPeerRunner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka-to-Kafka workloads on Apache Flink with its Kafka connector, on a local MiniCluster at parallelism 1:
 * {@code KafkaSource -> map -> KafkaSink} ({@code kafka-passthrough}, one chained task), or {@code KafkaSource -> map
 * | keyBy(key) -> running count in ValueState -> KafkaSink} ({@code kafka-keyed-count}, every change emitted, key and
 * count as text; {@code keyBy} crosses a network buffer, sent at once: buffer timeout 0). Checkpoints every 100 ms; the
 * sink's {@code --guarantee} is {@code AT_LEAST_ONCE} (records sent as they come, flushed at each checkpoint) or
 * {@code EXACTLY_ONCE} (a transaction per checkpoint, committed when the checkpoint completes, which the bench's
 * {@code read_committed} consumer then sees). The producer does not linger, as this engine's Kafka sink does not.
 */
public final class FlinkKafkaPeer {
    static final String USAGE = """
            usage: FlinkKafkaPeer --workload kafka-passthrough|kafka-keyed-count --bootstrap B --in TOPIC --out TOPIC
                                  [--guarantee AT_LEAST_ONCE|EXACTLY_ONCE]
              --guarantee  the Kafka sink's delivery guarantee (default AT_LEAST_ONCE)""";
    private static final long CHECKPOINT_INTERVAL_MS = 100;
    /** Below the broker's transaction.max.timeout.ms (15 min); the sink's default, 1 h, is refused. */
    private static final String TRANSACTION_TIMEOUT_MS = "60000";

    private FlinkKafkaPeer() {
    }

    /** Runs the pipeline until SIGTERM; see {@link #USAGE}. */
    public static void main(String[] args) {
        KafkaPeerRunner.main(USAGE, Map.of("--guarantee", DeliveryGuarantee.AT_LEAST_ONCE.name()), FlinkKafkaPeer::start, args);
    }

    private static KafkaPeerRunner.RunningPipeline start(KafkaPeerOptions options) throws Exception {
        DeliveryGuarantee guarantee = DeliveryGuarantee.valueOf(options.choice("--guarantee",
                List.of(DeliveryGuarantee.AT_LEAST_ONCE.name(), DeliveryGuarantee.EXACTLY_ONCE.name())));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        env.setBufferTimeout(0);
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS);

        KafkaSource<KafkaBytes> source = KafkaSource.<KafkaBytes>builder()
                .setBootstrapServers(options.bootstrap())
                .setTopics(options.in())
                .setGroupId("bench-flink-" + options.in())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new Deserializer())
                .build();
        Properties producer = new Properties();
        producer.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        KafkaSink<KafkaBytes> sink = KafkaSink.<KafkaBytes>builder()
                .setBootstrapServers(options.bootstrap())
                .setRecordSerializer(new Serializer(options.out()))
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix("bench-flink-" + options.out())
                .setKafkaProducerConfig(producer)
                .build();

        DataStream<KafkaBytes> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                .map(r -> new KafkaBytes(r.key, r.value)).returns(KafkaBytes.class);
        if (options.keyedCount()) {
            records = records.keyBy(r -> new String(r.key, StandardCharsets.UTF_8), Types.STRING)
                    .process(new RunningCount()).returns(KafkaBytes.class);
        }
        records.sinkTo(sink);
        JobClient job = env.executeAsync("peers-" + options.workload());

        String description = "Flink " + EnvironmentInformation.getVersion() + ", Kafka connector, " + guarantee
                + ", checkpoints every " + CHECKPOINT_INTERVAL_MS + " ms, parallelism 1";
        return KafkaPeerRunner.RunningPipeline.of(description, () -> {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get(); // throws the job's failure
                throw new IllegalStateException("the Flink job ended by itself");
            }
        }, () -> job.cancel().get());
    }

    /** The running count of each key, emitted with every record as this engine's update mode does. */
    private static final class RunningCount extends KeyedProcessFunction<String, KafkaBytes, KafkaBytes> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(KafkaBytes record, Context context, Collector<KafkaBytes> out) throws Exception {
            Long current = count.value();
            long next = current == null ? 1 : current + 1;
            count.update(next);
            out.collect(new KafkaBytes(record.key, Long.toString(next).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** A consumer record's key and value. */
    private static final class Deserializer implements KafkaRecordDeserializationSchema<KafkaBytes> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaBytes> out) {
            out.collect(new KafkaBytes(record.key(), record.value()));
        }

        @Override
        public TypeInformation<KafkaBytes> getProducedType() {
            return TypeInformation.of(KafkaBytes.class);
        }
    }

    /** A record to the output topic, key and value as they are. */
    private static final class Serializer implements KafkaRecordSerializationSchema<KafkaBytes> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        Serializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(KafkaBytes record, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, record.key, record.value);
        }
    }
}
