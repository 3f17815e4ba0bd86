package io.streamline.bench.kafka;

/**
 * The producer's open-loop schedule: record {@code n} is due at {@code start + n / rate}, whatever happened to the
 * records before it. The consumer reads it too, to know when the records a keyed count has counted were due.
 *
 * @param startNanos     when record 0 was due ({@link System#nanoTime()})
 * @param nanosPerRecord the interval between two records
 */
record Schedule(long startNanos, double nanosPerRecord) {
    /** A schedule of {@code rate} records per second from now. */
    static Schedule startingNow(long rate) {
        return new Schedule(System.nanoTime(), 1e9 / rate);
    }

    /** When record {@code n} is due. */
    long due(long n) {
        return startNanos + (long) (n * nanosPerRecord);
    }

    /** The first record due at or after {@code nanos}. */
    long firstDueAt(long nanos) {
        return (long) Math.ceil((nanos - startNanos) / nanosPerRecord);
    }
}
