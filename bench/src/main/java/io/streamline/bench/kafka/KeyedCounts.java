package io.streamline.bench.kafka;

import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * What a running count per key writes: the key ({@code k<n>}) and its count as decimal text, one record per change
 * (continuous engines) or per changed key and batch (micro-batches). A count is not stamped, but the producer's
 * schedule says which input record it counted: key {@code n}'s {@code j}-th record is record {@code (j - 1) * keys + n}
 * (each key's records stay in order in one partition). So a count that went from {@code c0} to {@code c} shows the
 * records {@code c0 + 1 .. c} of its key, each with its own intended send time: a micro-batch's records are measured
 * from when each was due, not from the latest one's stamp. A count at or below one already seen (a replay) shows none.
 */
final class KeyedCounts implements OutputRecords {
    private final long[] shown;
    private volatile Schedule schedule;

    /** @param keys the producer's key count */
    KeyedCounts(int keys) {
        this.shown = new long[keys];
    }

    /** The schedule the producer started; counts are ignored until it is set (there are none: probes are not counted). */
    void use(Schedule started) {
        this.schedule = started;
    }

    @Override
    public void forEachShown(byte[] key, byte[] value, LongConsumer intended) {
        Schedule s = schedule;
        if (s == null) {
            return;
        }
        long n = key != null && key.length > 1 && key[0] == 'k' ? digits(key, 1, "key") : shown.length;
        if (n >= shown.length) {
            throw new IllegalArgumentException("a keyed count's output key must be k0 .. k" + (shown.length - 1) + ", got '"
                    + (key == null ? "none" : new String(key, StandardCharsets.UTF_8)) + "'");
        }
        long count = digits(value, 0, "count");
        int k = (int) n;
        for (long j = shown[k] + 1; j <= count; j++) {
            intended.accept(s.due((j - 1) * shown.length + k));
        }
        shown[k] = Math.max(shown[k], count);
    }

    /** The decimal number in {@code text} from {@code from}, without allocating. */
    private static long digits(byte[] text, int from, String what) {
        if (text == null || text.length <= from) {
            throw new IllegalArgumentException("a keyed count's output " + what + " is missing");
        }
        long number = 0;
        for (int i = from; i < text.length; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("a keyed count's output " + what + " must be decimal text, got '"
                        + new String(text, StandardCharsets.UTF_8) + "'");
            }
            number = number * 10 + digit;
        }
        return number;
    }
}
