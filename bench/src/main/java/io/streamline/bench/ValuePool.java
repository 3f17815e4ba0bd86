package io.streamline.bench;

import java.util.function.LongUnaryOperator;

/**
 * Boxed values created once and cycled through by index, so generating, mapping or keying a record hands
 * out an existing object instead of allocating one: whatever the benchmark allocates per record is then
 * the engine's own.
 */
public final class ValuePool {
    private final Long[] values;

    /**
     * @param size    number of distinct objects
     * @param valueOf the value stored at each index
     */
    public ValuePool(int size, LongUnaryOperator valueOf) {
        values = new Long[size];
        for (int i = 0; i < size; i++) {
            values[i] = valueOf.applyAsLong(i);
        }
    }

    /** The pooled object at {@code index} modulo the pool's size; {@code index} must not be negative. */
    public Long at(long index) {
        return values[(int) (index % values.length)];
    }
}
