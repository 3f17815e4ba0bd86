package io.streamline.engine.state;

import java.util.function.Function;

/** The grouping key of a record, refused with a clear error when the key function returns {@code null}. */
public final class GroupingKeys {
    /** Longest record text quoted in the null-key error. */
    private static final int QUOTED_RECORD_CHARS = 200;

    private GroupingKeys() {
    }

    /**
     * {@code keyFn} applied to {@code record}.
     *
     * @param operator names the operator in the error
     * @throws IllegalArgumentException if the key is {@code null}, naming the operator and quoting the record
     */
    public static <T, K> K keyOf(Function<? super T, ? extends K> keyFn, T record, String operator) {
        K key = keyFn.apply(record);
        if (key == null) {
            throw nullKey(record, operator);
        }
        return key;
    }

    private static IllegalArgumentException nullKey(Object value, String operator) {
        String record = String.valueOf(value);
        if (record.length() > QUOTED_RECORD_CHARS) {
            record = record.substring(0, QUOTED_RECORD_CHARS) + "...";
        }
        return new IllegalArgumentException("The groupByKey key function of operator " + operator + " returned null for the"
                + " record " + record + "; keys must not be null: map a missing key to a value of its own, e.g. \"\" or -1");
    }
}
