package io.streamline.kafka;

import io.streamline.engine.KeyValue;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a row into the record the Kafka sink sends: its topic, key and value (and headers).
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface RecordEncoder<T> {
    /**
     * The record for {@code row}.
     *
     * @param defaultTopic the sink's {@code topic} option, or {@code null}
     * @throws IllegalArgumentException if the row names no topic and there is no default
     */
    ProducerRecord<byte[], byte[]> encode(T row, String defaultTopic);

    /**
     * Key and value by the given functions and encoders, the topic from the sink's {@code topic} option or
     * {@code topicOf} when that is {@code null}.
     */
    static <T, K, V> RecordEncoder<T> of(Function<? super T, String> topicOf, Function<? super T, ? extends K> key,
                                         Encoder<? super K> keyEncoder, Function<? super T, ? extends V> value,
                                         Encoder<? super V> valueEncoder) {
        return (row, defaultTopic) -> {
            String topic = defaultTopic != null ? defaultTopic : topicOf == null ? null : topicOf.apply(row);
            return new ProducerRecord<>(requireTopic(topic), null, keyEncoder.encode(key.apply(row)),
                    valueEncoder.encode(value.apply(row)));
        };
    }

    /**
     * What {@code format("kafka")} writes without an encoder, as Spark's sink takes the columns {@code topic},
     * {@code key}, {@code value} and {@code headers}: a {@link KafkaRecord} as it is (its topic unless the sink's
     * {@code topic} option overrides it); a {@link KeyValue} as key and value; any other row as the value, without
     * a key. Keys and values that are {@code byte[]} are written as they are, strings, numbers and booleans as UTF-8
     * text, anything else as JSON.
     */
    static <T> RecordEncoder<T> rows() {
        Encoder<Object> json = Encoder.json();
        Encoder<Object> any = v -> v == null ? null : v instanceof byte[] b ? b
                : v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Character
                ? Encoder.strings().encode(v) : json.encode(v);
        return (row, defaultTopic) -> {
            if (row instanceof KafkaRecord r) {
                List<org.apache.kafka.common.header.Header> headers = null;
                if (r.headers() != null) {
                    headers = new ArrayList<>(r.headers().size());
                    for (KafkaHeader h : r.headers()) {
                        headers.add(new RecordHeader(h.key(), h.value()));
                    }
                }
                return new ProducerRecord<>(requireTopic(defaultTopic != null ? defaultTopic : r.topic()), null, null,
                        r.key(), r.value(), headers);
            }
            if (row instanceof KeyValue<?, ?> kv) {
                return new ProducerRecord<>(requireTopic(defaultTopic), null, any.encode(kv.key()), any.encode(kv.value()));
            }
            return new ProducerRecord<>(requireTopic(defaultTopic), null, null, any.encode(row));
        };
    }

    private static String requireTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("The kafka sink has no topic for a row: set the sink's option 'topic', or"
                    + " write KafkaRecord rows that carry one, or give an encoder with a topic function");
        }
        return topic;
    }
}
