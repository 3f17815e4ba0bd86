package io.streamline.operators.join;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.DataStream;
import io.streamline.engine.operator.FlatMapOperator;
import io.streamline.engine.source.CsvLines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A static table for stream-static joins, Spark's join of a stream with a batch DataFrame: rows by key, built from a
 * collection or loaded from a CSV or JSON-lines file when the query starts (each start reads the file again, so a
 * restart picks up a changed file, as Spark re-reads a static side per batch only if it is not cached). A key may
 * have several rows; a stream row is joined with each.
 *
 * <pre>{@code
 * StaticTable<String, Map<String, String>> ads = StaticTable.csv(Path.of("ads.csv"), "adId");
 * clicks.via(ads.leftOuterJoin(Click::adId))   // DataStream<Joined<Click, Map<String, String>>>
 * }</pre>
 *
 * The join is stateless and runs fused into every instance of the stream, in any output mode.
 *
 * @param <K> key type
 * @param <V> row type
 */
public final class StaticTable<K, V> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Map<K, List<V>>> loader;

    private StaticTable(Supplier<Map<K, List<V>>> loader) {
        this.loader = loader;
    }

    /** The rows of {@code rows}, keyed by {@code keyFn}. */
    public static <K, V> StaticTable<K, V> of(Collection<? extends V> rows, Function<? super V, ? extends K> keyFn) {
        List<V> copy = List.copyOf(rows);
        return new StaticTable<>(() -> index(copy, keyFn));
    }

    /**
     * The rows of a CSV file with a header line, as column name to value, keyed by column {@code keyColumn}; read at
     * every start of a query using the table.
     *
     * @throws IllegalArgumentException at start, if the file cannot be read or has no column {@code keyColumn}
     */
    public static StaticTable<String, Map<String, String>> csv(Path file, String keyColumn) {
        return new StaticTable<>(() -> {
            List<String> lines = read(file);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("static table " + file + " is empty; a CSV table needs a header line");
            }
            List<String> header = CsvLines.split(lines.get(0), ',');
            if (!header.contains(keyColumn)) {
                throw new IllegalArgumentException("static table " + file + " has no key column '" + keyColumn
                        + "'; its columns are " + header);
            }
            List<Map<String, String>> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(line -> {
                List<String> fields = CsvLines.split(line, ',');
                if (fields.size() != header.size()) {
                    throw new IllegalArgumentException("static table " + file + ": the line '" + line + "' has "
                            + fields.size() + " fields, the header " + header.size());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), fields.get(i));
                }
                return row;
            }).toList();
            return index(rows, row -> row.get(keyColumn));
        });
    }

    /**
     * The rows of a JSON-lines file (one object per line), keyed by the text of field {@code keyField}; read at every
     * start of a query using the table.
     *
     * @throws IllegalArgumentException at start, if the file cannot be read, a line is not a JSON object, or lacks
     *                                  the key field
     */
    public static StaticTable<String, Map<String, Object>> json(Path file, String keyField) {
        return new StaticTable<>(() -> {
            List<Map<String, Object>> rows = read(file).stream().filter(l -> !l.isBlank()).map(line -> {
                Map<String, Object> row;
                try {
                    row = JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {
                    });
                } catch (IOException e) {
                    throw new IllegalArgumentException("static table " + file + ": the line '" + line
                            + "' is not a JSON object: " + e.getMessage(), e);
                }
                if (row.get(keyField) == null) {
                    throw new IllegalArgumentException("static table " + file + ": the line '" + line
                            + "' has no key field '" + keyField + "'");
                }
                return row;
            }).toList();
            return index(rows, row -> String.valueOf(row.get(keyField)));
        });
    }

    /** Stream-static inner join: each stream row with every table row of its key; rows without one are dropped. */
    public <T> Function<DataStream<T>, DataStream<Joined<T, V>>> innerJoin(Function<? super T, ? extends K> keyFn) {
        return stream -> stream.transform("staticJoin.inner", context -> {
            Map<K, List<V>> table = loader.get();
            return new FlatMapOperator<T, Joined<T, V>>((value, out) -> {
                for (V row : table.getOrDefault(keyFn.apply(value), List.of())) {
                    out.accept(new Joined<>(value, row));
                }
            });
        });
    }

    /** Stream-static left outer join: as {@link #innerJoin}, and a stream row without a match with {@code null}. */
    public <T> Function<DataStream<T>, DataStream<Joined<T, V>>> leftOuterJoin(Function<? super T, ? extends K> keyFn) {
        return stream -> stream.transform("staticJoin.leftOuter", context -> {
            Map<K, List<V>> table = loader.get();
            return new FlatMapOperator<T, Joined<T, V>>((value, out) -> {
                List<V> rows = table.get(keyFn.apply(value));
                if (rows == null) {
                    out.accept(new Joined<>(value, null));
                    return;
                }
                for (V row : rows) {
                    out.accept(new Joined<>(value, row));
                }
            });
        });
    }

    private static <K, V> Map<K, List<V>> index(List<? extends V> rows, Function<? super V, ? extends K> keyFn) {
        Map<K, List<V>> byKey = new HashMap<>();
        for (V row : rows) {
            byKey.computeIfAbsent(keyFn.apply(row), k -> new java.util.ArrayList<>()).add(row);
        }
        byKey.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(byKey);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("static table " + file + " cannot be read: " + e, e);
        }
    }
}
