package io.streamline.kafka;

import java.nio.charset.StandardCharsets;

/**
 * One header of a {@link KafkaRecord}, as an element of Spark's {@code headers} column.
 *
 * @param key   the header's name
 * @param value its bytes, or {@code null}
 */
public record KafkaHeader(String key, byte[] value) {
    /** The value as UTF-8 text, or {@code null}. */
    public String valueString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
