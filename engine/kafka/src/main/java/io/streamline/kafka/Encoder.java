package io.streamline.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns a key or value into the bytes the Kafka sink writes; {@code null} stays {@code null} (no key, or a
 * tombstone value).
 *
 * @param <V> what it encodes
 */
@FunctionalInterface
public interface Encoder<V> {
    /** The bytes of {@code value}, or {@code null}. */
    byte[] encode(V value);

    /** Bytes as they are. */
    static Encoder<byte[]> bytes() {
        return v -> v;
    }

    /** {@code String.valueOf(value)} as UTF-8, as Spark casts a column to string. */
    static Encoder<Object> strings() {
        return v -> v == null ? null : String.valueOf(v).getBytes(StandardCharsets.UTF_8);
    }

    /** A long as 8 bytes, big-endian: what Kafka's {@code LongSerializer} writes and {@code LongDeserializer} reads. */
    static Encoder<Long> longs() {
        return v -> v == null ? null : ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    /** JSON of records, maps, beans, lists and plain values (Jackson). */
    static Encoder<Object> json() {
        ObjectMapper json = new ObjectMapper();
        return v -> {
            if (v == null) {
                return null;
            }
            try {
                return json.writeValueAsBytes(v);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("The kafka sink cannot write " + v.getClass().getName() + " as JSON: "
                        + e.getOriginalMessage(), e);
            }
        };
    }
}
