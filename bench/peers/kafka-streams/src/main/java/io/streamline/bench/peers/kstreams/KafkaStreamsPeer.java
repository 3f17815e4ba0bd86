package io.streamline.bench.peers.kstreams;

import io.streamline.bench.peers.KafkaPeerOptions;
import io.streamline.bench.peers.KafkaPeerRunner;
import io.streamline.bench.peers.TempDirectory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka-to-Kafka workloads on Kafka Streams, one stream thread (4 tasks, one per input partition):
 * {@code kafka-passthrough} is {@code stream(in).mapValues(identity).to(out)}, bytes in and out;
 * {@code kafka-keyed-count} is {@code stream(in).groupByKey().count()} into an in-memory store (like this engine's
 * state, with a changelog topic as its durability) with the record cache off ({@code statestore.cache.max.bytes=0}),
 * so that every change of a count goes out, key and count as text. {@code --guarantee} is Kafka Streams'
 * {@code processing.guarantee}; commits every 100 ms (for {@code exactly_once_v2}, a transaction per commit, which
 * the bench's {@code read_committed} consumer sees when it commits). The producer does not linger, as this engine's
 * Kafka sink does not (Kafka Streams' default is 100 ms).
 */
public final class KafkaStreamsPeer {
    static final String USAGE = """
            usage: KafkaStreamsPeer --workload kafka-passthrough|kafka-keyed-count --bootstrap B --in TOPIC --out TOPIC
                                    [--guarantee at_least_once|exactly_once_v2]
              --guarantee  processing.guarantee (default at_least_once)""";
    private static final List<String> GUARANTEES = List.of(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2);
    private static final long COMMIT_INTERVAL_MS = 100;

    private KafkaStreamsPeer() {
    }

    /** Runs the pipeline until SIGTERM; see {@link #USAGE}. */
    public static void main(String[] args) {
        KafkaPeerRunner.main(USAGE, Map.of("--guarantee", StreamsConfig.AT_LEAST_ONCE), KafkaStreamsPeer::start, args);
    }

    private static KafkaPeerRunner.RunningPipeline start(KafkaPeerOptions options) throws IOException {
        String guarantee = options.choice("--guarantee", GUARANTEES);
        TempDirectory stateDir = TempDirectory.create("kafka-streams-peer-");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-kafka-streams-" + options.in());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(COMMIT_INTERVAL_MS));
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.path().toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "0");

        KafkaStreams streams = new KafkaStreams(topology(options), p);
        Failure failure = new Failure();
        streams.setUncaughtExceptionHandler(failure);
        streams.start();
        String description = "Kafka Streams " + AppInfoParser.getVersion() + ", " + guarantee + ", commit every "
                + COMMIT_INTERVAL_MS + " ms, cache off";
        return KafkaPeerRunner.RunningPipeline.of(description, () -> {
            if (failure.cause != null) {
                throw new IllegalStateException("a stream thread failed: " + failure.cause, failure.cause);
            }
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("Kafka Streams stopped by itself, in state " + state);
            }
        }, () -> {
            streams.close(Duration.ofSeconds(20));
            stateDir.close();
        });
    }

    private static Topology topology(KafkaPeerOptions options) {
        StreamsBuilder builder = new StreamsBuilder();
        if (options.keyedCount()) {
            builder.stream(options.in(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                    .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
                    .count(Materialized.<String, Long>as(Stores.inMemoryKeyValueStore("counts"))
                            .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()).withCachingDisabled())
                    .toStream()
                    .mapValues(count -> Long.toString(count))
                    .to(options.out(), Produced.with(Serdes.String(), Serdes.String()));
        } else {
            builder.stream(options.in(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                    .mapValues(value -> value)
                    .to(options.out(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        }
        return builder.build();
    }

    /** Keeps the first failure of a stream thread and shuts the client down, which {@code check} then reports. */
    private static final class Failure implements StreamsUncaughtExceptionHandler {
        private volatile Throwable cause;

        @Override
        public StreamThreadExceptionResponse handle(Throwable exception) {
            if (cause == null) {
                cause = exception;
            }
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
    }
}
