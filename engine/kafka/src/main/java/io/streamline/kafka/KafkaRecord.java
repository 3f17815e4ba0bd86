package io.streamline.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A row of the Kafka source, with the columns of Spark's Kafka source schema.
 *
 * @param key           the record's key bytes, or {@code null}
 * @param value         the record's value bytes, or {@code null} (a tombstone)
 * @param topic         the topic it was read from
 * @param partition     its partition
 * @param offset        its offset in that partition
 * @param timestamp     its timestamp in epoch milliseconds, also the row's event time
 * @param timestampType 0 for {@code CreateTime}, 1 for {@code LogAppendTime} (Spark's encoding), -1 if none
 * @param headers       its headers in order when the source has {@code includeHeaders=true}, otherwise {@code null}
 */
public record KafkaRecord(byte[] key, byte[] value, String topic, int partition, long offset, long timestamp,
                          int timestampType, List<KafkaHeader> headers) {

    /** The key as UTF-8 text, or {@code null} (Spark's {@code CAST(key AS STRING)}). */
    public String keyString() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** The value as UTF-8 text, or {@code null} (Spark's {@code CAST(value AS STRING)}). */
    public String valueString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "KafkaRecord[topic=" + topic + ", partition=" + partition + ", offset=" + offset + ", timestamp=" + timestamp
                + ", key=" + keyString() + ", value=" + valueString() + "]";
    }
}
