package io.streamline.operators.dstream;

import io.streamline.engine.state.KeyedState;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The combined state of a graph: its slots' entries survive a snapshot and restore, whatever their key types. */
class GraphStateTest {
    @Test
    void shouldRestoreEverySlotsEntriesFromItsSnapshot() {
        GraphState before = new GraphState();
        KeyedState<Object, Object> first = before.newSlot();
        KeyedState<Object, Object> second = before.newSlot();
        first.put("12abc", 1);           // a string starting with digits
        first.put(-7L, "negative long");
        first.put(3, "int");
        second.put(new Tuple2<>("a", 1), List.of("a record key")); // neither string nor number
        second.put("", "empty string");
        Map<Object, Object> snapshot = new HashMap<>();
        before.snapshot(snapshot::put);
        assertThat(snapshot.keySet()).as("plain keys stay strings").contains("0s12abc", "0l-7", "0i3", "1s");

        GraphState after = new GraphState();
        KeyedState<Object, Object> restoredFirst = after.newSlot();
        KeyedState<Object, Object> restoredSecond = after.newSlot();
        snapshot.forEach(after::restore);
        assertThat(restoredFirst.get("12abc")).isEqualTo(1);
        assertThat(restoredFirst.get(-7L)).isEqualTo("negative long");
        assertThat(restoredFirst.get(3)).isEqualTo("int");
        assertThat(restoredSecond.get(new Tuple2<>("a", 1))).isEqualTo(List.of("a record key"));
        assertThat(restoredSecond.get("")).isEqualTo("empty string");
        assertThat(after.numRows()).isEqualTo(5);
    }
}
