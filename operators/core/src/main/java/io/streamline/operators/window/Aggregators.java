package io.streamline.operators.window;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** The built-in aggregate functions of windows: Spark's {@code count}, {@code sum}, {@code min}, {@code max}, {@code avg}. */
public final class Aggregators {
    private Aggregators() {
    }

    /** Number of records. */
    public static <T> Aggregator<T, Long, Long> count() {
        return new LongAggregator<>(t -> 1L);
    }

    /** Sum of {@code fn} over the records. */
    public static <T> Aggregator<T, Long, Long> sum(ToLongFunction<? super T> fn) {
        return new LongAggregator<>(fn);
    }

    /** Average of {@code fn} over the records. */
    public static <T> Aggregator<T, Average, Double> avg(ToDoubleFunction<? super T> fn) {
        return new Aggregator<>() {
            @Override
            public Average zero() {
                return new Average(0, 0);
            }

            @Override
            public Average add(Average acc, T value) {
                return new Average(acc.sum() + fn.applyAsDouble(value), acc.count() + 1);
            }

            @Override
            public Average merge(Average a, Average b) {
                return new Average(a.sum() + b.sum(), a.count() + b.count());
            }

            @Override
            public Double finish(Average acc) {
                return acc.sum() / acc.count();
            }
        };
    }

    /** The smallest {@code fn} over the records. */
    public static <T, C extends Comparable<? super C>> Aggregator<T, C, C> min(Function<? super T, ? extends C> fn) {
        return reduceBy(fn, (a, b) -> b.compareTo(a) < 0 ? b : a);
    }

    /** The largest {@code fn} over the records. */
    public static <T, C extends Comparable<? super C>> Aggregator<T, C, C> max(Function<? super T, ? extends C> fn) {
        return reduceBy(fn, (a, b) -> b.compareTo(a) > 0 ? b : a);
    }

    /** The records combined with {@code reducer}, which must be associative (earlier records first). */
    public static <T> Aggregator<T, T, T> reduce(BinaryOperator<T> reducer) {
        return reduceBy(Function.identity(), reducer);
    }

    /**
     * Several aggregates at once, Spark's {@code agg(a, b, ...)}: the result lists each aggregator's result in the
     * order given.
     */
    @SafeVarargs
    public static <T> Aggregator<T, List<Object>, List<Object>> all(Aggregator<? super T, ?, ?>... aggregators) {
        if (aggregators.length == 0) {
            throw new IllegalArgumentException("agg needs at least one aggregate, e.g. Aggregators.count()");
        }
        @SuppressWarnings("unchecked") Aggregator<T, Object, Object>[] parts = Arrays.stream(aggregators)
                .map(Objects::requireNonNull).toArray(Aggregator[]::new);
        return new Aggregator<>() {
            @Override
            public List<Object> zero() {
                Object[] zeros = new Object[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    zeros[i] = parts[i].zero();
                }
                return Arrays.asList(zeros);
            }

            @Override
            public List<Object> add(List<Object> acc, T value) {
                Object[] next = new Object[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    next[i] = parts[i].add(acc.get(i), value);
                }
                return Arrays.asList(next);
            }

            @Override
            public List<Object> merge(List<Object> a, List<Object> b) {
                Object[] merged = new Object[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    merged[i] = parts[i].merge(a.get(i), b.get(i));
                }
                return Arrays.asList(merged);
            }

            @Override
            public List<Object> finish(List<Object> acc) {
                Object[] results = new Object[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    results[i] = parts[i].finish(acc.get(i));
                }
                return Collections.unmodifiableList(Arrays.asList(results));
            }
        };
    }

    /** The running sum and count of an average: the accumulator of {@link #avg}. */
    public record Average(double sum, long count) implements Serializable {
    }

    /** A sum of longs, whose accumulator is its result. */
    private record LongAggregator<T>(ToLongFunction<? super T> fn) implements Aggregator<T, Long, Long> {
        @Override
        public Long zero() {
            return 0L;
        }

        @Override
        public Long add(Long acc, T value) {
            return acc + fn.applyAsLong(value);
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }

        @Override
        public Long finish(Long acc) {
            return acc;
        }
    }

    /** Combines a value per record with {@code combine}; {@code null} stands for "no record yet". */
    private static <T, C> Aggregator<T, C, C> reduceBy(Function<? super T, ? extends C> fn, BinaryOperator<C> combine) {
        return new Aggregator<>() {
            @Override
            public C zero() {
                return null;
            }

            @Override
            public C add(C acc, T value) {
                C v = fn.apply(value);
                return acc == null ? v : combine.apply(acc, v);
            }

            @Override
            public C merge(C a, C b) {
                return a == null ? b : b == null ? a : combine.apply(a, b);
            }

            @Override
            public C finish(C acc) {
                return acc;
            }
        };
    }
}
