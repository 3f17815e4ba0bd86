package io.streamline.operators.dstream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The batch-level functions behind the DStream transformations: what Spark's RDD operations do to one batch. Keys
 * keep the order in which they first appear in the batch, so a batch's result is deterministic.
 */
final class BatchOps {
    private BatchOps() {
    }

    static <T, R> List<R> flatMap(List<T> batch, Function<? super T, ? extends Iterator<? extends R>> fn) {
        List<R> out = new ArrayList<>();
        for (T t : batch) {
            Iterator<? extends R> it = fn.apply(t);
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }

    static <K, V> List<Tuple2<K, V>> reduceByKey(List<Tuple2<K, V>> batch, BinaryOperator<V> reduce) {
        Map<K, V> reduced = new LinkedHashMap<>();
        for (Tuple2<K, V> kv : batch) {
            reduced.merge(kv._1(), kv._2(), reduce);
        }
        return pairs(reduced);
    }

    static <K, V> List<Tuple2<K, List<V>>> groupByKey(List<Tuple2<K, V>> batch) {
        return pairs(group(batch));
    }

    static <T> List<Tuple2<T, Long>> countByValue(List<T> batch) {
        Map<T, Long> counts = new LinkedHashMap<>();
        for (T t : batch) {
            counts.merge(t, 1L, Long::sum);
        }
        return pairs(counts);
    }

    static <K, V, W> List<Tuple2<K, Tuple2<V, W>>> join(List<Tuple2<K, V>> left, List<Tuple2<K, W>> right) {
        Map<K, List<W>> rights = group(right);
        List<Tuple2<K, Tuple2<V, W>>> out = new ArrayList<>();
        for (Tuple2<K, V> l : left) {
            for (W w : rights.getOrDefault(l._1(), List.of())) {
                out.add(new Tuple2<>(l._1(), new Tuple2<>(l._2(), w)));
            }
        }
        return out;
    }

    static <K, V, W> List<Tuple2<K, Tuple2<V, Optional<W>>>> leftOuterJoin(List<Tuple2<K, V>> left, List<Tuple2<K, W>> right) {
        Map<K, List<W>> rights = group(right);
        List<Tuple2<K, Tuple2<V, Optional<W>>>> out = new ArrayList<>();
        for (Tuple2<K, V> l : left) {
            List<W> ws = rights.get(l._1());
            if (ws == null) {
                out.add(new Tuple2<>(l._1(), new Tuple2<>(l._2(), Optional.empty())));
            } else {
                ws.forEach(w -> out.add(new Tuple2<>(l._1(), new Tuple2<>(l._2(), Optional.ofNullable(w)))));
            }
        }
        return out;
    }

    static <K, V, W> List<Tuple2<K, Tuple2<Optional<V>, W>>> rightOuterJoin(List<Tuple2<K, V>> left, List<Tuple2<K, W>> right) {
        Map<K, List<V>> lefts = group(left);
        List<Tuple2<K, Tuple2<Optional<V>, W>>> out = new ArrayList<>();
        for (Tuple2<K, W> r : right) {
            List<V> vs = lefts.get(r._1());
            if (vs == null) {
                out.add(new Tuple2<>(r._1(), new Tuple2<>(Optional.empty(), r._2())));
            } else {
                vs.forEach(v -> out.add(new Tuple2<>(r._1(), new Tuple2<>(Optional.ofNullable(v), r._2()))));
            }
        }
        return out;
    }

    static <K, V, W> List<Tuple2<K, Tuple2<Optional<V>, Optional<W>>>> fullOuterJoin(List<Tuple2<K, V>> left, List<Tuple2<K, W>> right) {
        List<Tuple2<K, Tuple2<Optional<V>, Optional<W>>>> out = new ArrayList<>();
        for (Tuple2<K, Tuple2<List<V>, List<W>>> group : cogroup(left, right)) {
            List<V> vs = group._2()._1();
            List<W> ws = group._2()._2();
            if (vs.isEmpty()) {
                ws.forEach(w -> out.add(new Tuple2<>(group._1(), new Tuple2<>(Optional.empty(), Optional.ofNullable(w)))));
            } else if (ws.isEmpty()) {
                vs.forEach(v -> out.add(new Tuple2<>(group._1(), new Tuple2<>(Optional.ofNullable(v), Optional.empty()))));
            } else {
                for (V v : vs) {
                    for (W w : ws) {
                        out.add(new Tuple2<>(group._1(), new Tuple2<>(Optional.ofNullable(v), Optional.ofNullable(w))));
                    }
                }
            }
        }
        return out;
    }

    /** Every key of either batch (first the left's, in order) with its values on each side. */
    static <K, V, W> List<Tuple2<K, Tuple2<List<V>, List<W>>>> cogroup(List<Tuple2<K, V>> left, List<Tuple2<K, W>> right) {
        Map<K, Tuple2<List<V>, List<W>>> groups = new LinkedHashMap<>();
        for (Tuple2<K, V> l : left) {
            groups.computeIfAbsent(l._1(), k -> new Tuple2<>(new ArrayList<>(), new ArrayList<>()))._1().add(l._2());
        }
        for (Tuple2<K, W> r : right) {
            groups.computeIfAbsent(r._1(), k -> new Tuple2<>(new ArrayList<>(), new ArrayList<>()))._2().add(r._2());
        }
        return pairs(groups);
    }

    private static <K, V> Map<K, List<V>> group(List<Tuple2<K, V>> batch) {
        Map<K, List<V>> groups = new LinkedHashMap<>();
        for (Tuple2<K, V> kv : batch) {
            groups.computeIfAbsent(kv._1(), k -> new ArrayList<>()).add(kv._2());
        }
        return groups;
    }

    private static <K, V> List<Tuple2<K, V>> pairs(Map<K, V> map) {
        List<Tuple2<K, V>> out = new ArrayList<>(map.size());
        map.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
        return out;
    }
}
