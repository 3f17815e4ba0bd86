package io.streamline.engine.state;

import io.streamline.engine.operator.StateChanges;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NamespacedStateTest {
    private final NamespacedState<String, Long, Long> state = new NamespacedState<>();

    @Test
    void shouldEvictEveryEntryUpToABoundInNamespaceOrder() {
        state.put("a", 20L, 1L);
        state.put("b", 10L, 2L);
        state.put("a", 10L, 3L);
        state.put("c", 30L, 4L);
        List<String> evicted = new ArrayList<>();
        state.evictUpTo(20L, true, (key, window, value) -> evicted.add(key + "@" + window + "=" + value));
        assertThat(evicted).containsExactly("b@10=2", "a@10=3", "a@20=1");
        assertThat(state.numRows()).isEqualTo(1);
        assertThat(state.namespacesOf("a")).isEmpty();
        assertThat(state.namespacesOf("c")).containsExactly(30L);
        state.evictUpTo(30L, false, (key, window, value) -> evicted.add("unexpected"));
        assertThat(evicted).hasSize(3);
    }

    @Test
    void shouldTrackChangesIncrementallyAndRestoreWithItsIndexes() {
        state.put("a", 1L, 1L);
        state.put("a", 2L, 2L);
        state.takeChanges();
        state.put("a", 2L, 5L);
        state.remove("a", 1L);
        StateChanges changes = state.takeChanges();
        assertThat(changes.size()).isEqualTo(2);

        NamespacedState<String, Long, Long> restored = new NamespacedState<>();
        state.snapshot(restored::restore);
        assertThat(restored.get("a", 2L)).isEqualTo(5L);
        assertThat(restored.namespacesOf("a")).containsExactly(2L);
        assertThat(restored.groupingKeyOf(new NamespacedState.Entry<>("a", 2L))).as("the grouping part of the key").isEqualTo("a");
    }
}
