package io.streamline.engine;

/** A key and the current value of a running aggregation for it; the row type of keyed results. */
public record KeyValue<K, V>(K key, V value) {
}
