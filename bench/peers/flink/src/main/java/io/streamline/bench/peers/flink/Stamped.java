package io.streamline.bench.peers.flink;

/**
 * A generated record: its value and the instant it was due. A Flink POJO (public fields, no-argument
 * constructor), so Flink serializes it with its own POJO serializer rather than with Kryo.
 */
public class Stamped {
    /** {@link System#nanoTime()} at which the generator was due to send this record. */
    public long intendedNanos;
    /** The payload. */
    public long value;

    /** For Flink's POJO serializer. */
    public Stamped() {
    }

    /** A record due at {@code intendedNanos}. */
    public Stamped(long intendedNanos, long value) {
        this.intendedNanos = intendedNanos;
        this.value = value;
    }
}
