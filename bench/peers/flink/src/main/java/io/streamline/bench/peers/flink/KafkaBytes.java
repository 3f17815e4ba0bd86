package io.streamline.bench.peers.flink;

/**
 * A Kafka record's key and value between the Kafka source and sink. A Flink POJO (public fields, no-argument
 * constructor), so Flink serializes it with its own POJO serializer rather than with Kryo.
 */
public class KafkaBytes {
    /** The record's key. */
    public byte[] key;
    /** The record's value. */
    public byte[] value;

    /** For Flink's POJO serializer. */
    public KafkaBytes() {
    }

    /** A record of {@code key} and {@code value}. */
    public KafkaBytes(byte[] key, byte[] value) {
        this.key = key;
        this.value = value;
    }
}
