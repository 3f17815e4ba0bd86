package io.streamline.engine.sink;

import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named in-memory table a {@code memory} sink writes, for the application to query. It changes once
 * per epoch, when the sink commits: in {@code append} mode all rows accumulate; in {@code update} mode
 * {@link KeyValue} rows keep only the latest value per key; {@code complete} mode replaces the table with
 * the epoch's full result. Readers get copies, so they never see a half-applied epoch.
 */
public final class MemoryTable<T> {
    private final String name;
    private final List<T> appended = new ArrayList<>();
    private final Map<Object, T> latest = new LinkedHashMap<>();
    private long lastEpoch = -1;

    /** @param name the table's name, the query's name */
    public MemoryTable(String name) {
        this.name = name;
    }

    /** The table's name. */
    public String name() {
        return name;
    }

    /**
     * Applies one epoch's rows; with {@code exactlyOnce} (micro-batch) a batch already applied is skipped, so
     * a batch re-run after a crash does not add its rows twice.
     */
    synchronized void apply(long epoch, List<T> rows, OutputMode mode, boolean exactlyOnce) {
        if (exactlyOnce && epoch <= lastEpoch) {
            return;
        }
        switch (mode) {
            case COMPLETE -> {
                latest.clear();
                rows.forEach(this::putLatest);
            }
            case UPDATE -> rows.forEach(this::putLatest);
            default -> appended.addAll(rows);
        }
        lastEpoch = epoch;
    }

    private void putLatest(T row) {
        if (row instanceof KeyValue<?, ?> kv) {
            latest.put(kv.key(), row);
        } else {
            appended.add(row);
        }
    }

    /** A copy of the rows: appended rows, then the latest row per key. */
    public synchronized List<T> rows() {
        List<T> copy = new ArrayList<>(appended);
        copy.addAll(latest.values());
        return copy;
    }

    /** The latest value per key of {@link KeyValue} rows. */
    public synchronized Map<Object, Object> asMap() {
        Map<Object, Object> map = new LinkedHashMap<>();
        latest.values().forEach(row -> map.put(((KeyValue<?, ?>) row).key(), ((KeyValue<?, ?>) row).value()));
        return map;
    }

    /** The last epoch applied, or -1. */
    public synchronized long lastEpoch() {
        return lastEpoch;
    }
}
