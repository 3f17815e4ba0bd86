package io.streamline.kafka;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.sink.EpochOutput;
import io.streamline.engine.sink.SinkWriter;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.time.Duration;
import java.util.Properties;

/**
 * A sink partition of {@code deliveryGuarantee=at-least-once}, in either mode: records are sent as they come (the
 * producer batches them on its own thread);
 * the epoch's {@link EpochOutput#persist()}, on the engine's committer thread, flushes the producer, so every record
 * of the epoch is acknowledged before its commit record, and the task thread never waits for the brokers.
 */
final class AtLeastOnceWriter<T> implements SinkWriter<T> {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final RecordEncoder<? super T> encoder;
    private final SendErrors errors = new SendErrors();
    private final EpochOutput flush;

    AtLeastOnceWriter(Properties properties, String topic, RecordEncoder<? super T> encoder) {
        this.producer = new KafkaProducer<>(properties);
        this.topic = topic;
        this.encoder = encoder;
        this.flush = new EpochOutput() {
            @Override
            public String persist() {
                producer.flush();
                errors.check();
                return null;
            }
        };
    }

    @Override
    public void write(T value, RecordMeta meta) {
        errors.check();
        producer.send(encoder.encode(value, topic), errors);
    }

    @Override
    public EpochOutput prepare(long epoch) {
        return flush;
    }

    @Override
    public void close(Throwable error) {
        producer.close(error == null ? Duration.ofSeconds(30) : Duration.ZERO);
    }
}
